import { PrintLayout } from '../../print/PrintLayout';
import { amountInWords } from '../../lib/amountInWords';
import { formatDate } from '../../lib/dates';
import { formatArea, formatYuan } from '../../lib/units';
import type { ListHouse, PublicNoticeDetail } from './api';
import { PagedTable, type PrintColumn } from '../../print/PagedTable';
import './project-print.css';

const sum = (rows: ListHouse[], pick: (h: ListHouse) => number) => rows.reduce((a, h) => a + pick(h), 0);

const TITLES = { initiation: '维修项目立项公告', acceptance: '维修项目验收公告', cancellation: '维修项目撤销公示' } as const;
const LIST_TITLES = { initiation: '预算清册', acceptance: '决算清册' } as const;

/** Money as the notices print it: figures and, for the record, the capitals. */
export function Yuan({ fen }: { fen: number }) {
  return (
    <span className="project-amount">
      ¥{formatYuan(fen)} 元（人民币{amountInWords(fen)}）
    </span>
  );
}

/**
 * 立项公告 + 预算清册, 验收公告 + 决算清册 or 撤销公示 (F-41), as published: printed, stamped and
 * posted in the property area. Its list shows places, areas and amounts, never owners (F-72).
 */
export function ProjectNoticeSheet({ n, backTo }: { n: PublicNoticeDetail; backTo?: string }) {
  const kind = n.kind;
  return (
    <PrintLayout title={TITLES[kind]} number={n.no} signatures={['业主委员会（盖章）', '张贴日期']} backTo={backTo}>
      <h2 className="print-notice-heading">{n.title}</h2>
      <NoticeFacts n={n} />
      <NoticeText n={n} />
      {n.content && <p className="project-notice-text">{n.content}</p>}
      <p className="project-notice-sign">
        {n.areaName}业主委员会
        <br />
        {formatDate(n.publishedAt)}
      </p>
      {n.list && kind !== 'cancellation' && (
        <>
          <h3>
            {LIST_TITLES[kind]}（共 {n.list.total} 户）
          </h3>
          <HouseList n={n} />
        </>
      )}
    </PrintLayout>
  );
}

function NoticeFacts({ n }: { n: PublicNoticeDetail }) {
  return (
    <table>
      <tbody>
        <tr>
          <th>项目名称</th>
          <td>{n.projectName}</td>
          <th>项目编号</th>
          <td>{n.projectNo}</td>
        </tr>
        <tr>
          <th>物业区域</th>
          <td>{n.areaName}</td>
          <th>项目类型</th>
          <td>{n.projectType}</td>
        </tr>
        <tr>
          <th>公示日期</th>
          <td>{formatDate(n.publishedAt)}</td>
          <th>公示截止日</th>
          <td>{n.deadline}</td>
        </tr>
        <tr>
          <th>预算总额</th>
          <td colSpan={3}>
            <Yuan fen={n.budgetTotal} />
          </td>
        </tr>
        {n.kind === 'acceptance' && n.settlementAmount !== null && (
          <tr>
            <th>结算金额</th>
            <td colSpan={3}>
              <Yuan fen={n.settlementAmount} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function NoticeText({ n }: { n: PublicNoticeDetail }) {
  const period = `公示期自 ${formatDate(n.publishedAt)} 起至 ${n.deadline} 止`;
  if (n.kind === 'initiation') {
    return (
      <p className="project-notice-text">
        本物业区域拟使用住宅专项维修资金实施“{n.projectName}”，预算总额 {formatYuan(n.budgetTotal)} 元，由分摊范围内
        {n.list?.total ?? 0} 户业主{n.apportionBasis === 'custom' ? '按逐户确定的分摊金额分摊' : '按建筑面积分摊'}
        ，各户分摊金额见预算清册。现予公示，{period}
        。业主对本项目有异议的，请在公示期内向业主委员会或维修资金管理部门书面提出。
      </p>
    );
  }
  if (n.kind === 'acceptance') {
    return (
      <p className="project-notice-text">
        “{n.projectName}”已完成验收，结算金额 {formatYuan(n.settlementAmount ?? 0)}{' '}
        元，按各户预算分摊比例分摊，各户决算金额见决算清册。现予公示，
        {period}。业主对验收结果或决算金额有异议的，请在公示期内提出。
      </p>
    );
  }
  return (
    <p className="project-notice-text">
      业主委员会决定撤销“{n.projectName}”（项目编号 {n.projectNo}），撤销原因如下。现予公示，{period}。
    </p>
  );
}

const LIST_COLUMNS: PrintColumn<ListHouse>[] = [
  { title: '序号', cell: (_, i) => i + 1, width: '7%' },
  { title: '楼幢', cell: (h) => h.building },
  { title: '单元', cell: (h) => h.unit },
  { title: '房号', cell: (h) => h.room },
  { title: '坐落', cell: (h) => h.address },
  { title: '建筑面积（㎡）', cell: (h) => formatArea(h.buildingArea), num: true },
  { title: '分摊金额（元）', cell: (h) => formatYuan(h.share), num: true },
];

function HouseList({ n }: { n: PublicNoticeDetail }) {
  const list = n.list;
  if (!list) return null;
  const columns =
    n.kind === 'acceptance' ? LIST_COLUMNS.map((c, i) => (i === 6 ? { ...c, title: '决算分摊金额（元）' } : c)) : LIST_COLUMNS;
  return (
    <PagedTable
      columns={columns}
      rows={list.items}
      rowKey={(h) => h.houseId}
      pageTotal={(rows) => ({ 5: formatArea(sum(rows, (h) => h.buildingArea)), 6: formatYuan(sum(rows, (h) => h.share)) })}
      total={{ 5: formatArea(list.totalArea), 6: formatYuan(list.totalShare) }}
    />
  );
}
