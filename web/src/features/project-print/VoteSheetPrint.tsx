import { useParams } from 'react-router';
import { PrintLayout } from '../../print/PrintLayout';
import { formatArea, formatYuan } from '../../lib/units';
import {
  latestNotice,
  type ProjectDetail,
  type ProjectSummary,
  useProjectDetail,
  useProjectSummary,
  useWholeVoteSheet,
  type VoteSheetHouse,
  type VoteSheetPage,
} from './api';
import { PagedTable, type PrintColumn } from '../../print/PagedTable';
import { PrintWaiting, ready } from './PrintState';
import './project-print.css';

const box = () => <span className="print-checkbox" />;

const COLUMNS: PrintColumn<VoteSheetHouse>[] = [
  { title: '序号', cell: (_, i) => i + 1, width: '6%' },
  { title: '房屋', cell: (h) => `${h.building}${h.unit}${h.room}`, width: '18%' },
  { title: '建筑面积（㎡）', cell: (h) => formatArea(h.buildingArea), num: true, width: '12%' },
  { title: '业主', cell: (h) => h.owners || '—', width: '18%' },
  { title: '同意', cell: box, width: '7%' },
  { title: '反对', cell: box, width: '7%' },
  { title: '弃权', cell: box, width: '7%' },
  { title: '业主签字', cell: () => '' },
];

/** /print/project/:id/vote-sheet — 投票表决签字表 (F-42): every house of the range, for owners to tick and sign. */
export function VoteSheetPrint() {
  const id = Number(useParams().id) || undefined;
  const detail = useProjectDetail(id);
  const summary = useProjectSummary(id);
  const sheet = useWholeVoteSheet(id);
  const all = [detail, summary, sheet];
  if (!ready(all) || !detail.data || !summary.data || !sheet.data) return <PrintWaiting queries={all} />;
  return <VoteSheet p={detail.data} s={summary.data} sheet={sheet.data} />;
}

function VoteSheet({ p, s, sheet }: { p: ProjectDetail; s: ProjectSummary; sheet: VoteSheetPage }) {
  const notice = latestNotice(s, 'initiation');
  return (
    <PrintLayout title="投票表决签字表" number={p.no} signatures={['业主委员会（盖章）', '计票人', '监票人', '日期']}>
      <table>
        <tbody>
          <tr>
            <th>表决事项</th>
            <td colSpan={3}>
              使用住宅专项维修资金实施“{p.name}”（{p.typeLabel}，预算总额 {formatYuan(p.budgetTotal)} 元）
            </td>
          </tr>
          <tr>
            <th>物业区域</th>
            <td>{p.areaName}</td>
            <th>项目编号</th>
            <td>{p.no}</td>
          </tr>
          <tr>
            <th>立项公示</th>
            <td colSpan={3}>{notice ? `${notice.no}（公示截止日 ${notice.deadline}）` : '未发布'}</td>
          </tr>
          <tr>
            <th>表决范围</th>
            <td colSpan={3}>
              共 {sheet.total} 户，建筑面积 {formatArea(sheet.rangeArea)} ㎡，业主 {sheet.rangeOwners} 人
            </td>
          </tr>
        </tbody>
      </table>
      <p>说明：请业主在“同意”“反对”“弃权”中选择一项打“√”并签字；一户有多名业主的，由业主共同签字或由其中一人签字并附授权。</p>
      <PagedTable
        columns={COLUMNS}
        rows={sheet.items}
        rowKey={(h) => h.houseId}
        rowClassName="vote-row"
        pageTotal={(rows) => ({ 2: formatArea(rows.reduce((a, h) => a + h.buildingArea, 0)) })}
        total={{ 2: formatArea(sheet.rangeArea), 3: `${sheet.rangeOwners} 人` }}
      />
    </PrintLayout>
  );
}
