import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import type { ApplicationDetail, ApplicationItem } from '../api/types';
import { FullPageSpin } from '../app/guards';
import { LoadingOrError } from '../components/LoadingOrError';
import { fetchAllItems, itemsKey, useApplication } from '../features/applications/api';
import {
  buildingFields,
  type FieldDef,
  fieldText,
  HOUSE_FIELDS,
  houseFieldsOf,
  ownersText,
  refundText,
} from '../features/applications/fields';
import type {
  BuildingChangeItem,
  BuildingSnapshot,
  CancellationItem,
  HouseChangeItem,
  HouseSnapshot,
  ImportedHouse,
  OwnershipItem,
} from '../features/applications/forms';
import { houseLabel } from '../features/applications/forms';
import { formSummary, KIND_LABELS } from '../features/applications/view/formSummary';
import { useAreaOptions } from '../features/registry/api';
import { SALES_LABELS } from '../features/registry/enums';
import { formatDate, formatDateTime } from '../lib/dates';
import { formatArea } from '../lib/units';
import { ListTable, PagedTable, type PrintColumn } from './PagedTable';
import { PrintLayout } from './PrintLayout';

const SIGNATURES = ['经办人签字', '单位盖章', '受理人', '受理日期', '审核人', '审核日期'];

/**
 * 申请表 of a business application (manual 第五步: “提交业务单并打印申请表”): handed in at the fund
 * office's window, where the clerk scans its number and signs.
 */
export function ApplicationPrint() {
  const { id } = useParams();
  const app = useApplication(Number(id) || undefined);
  if (app.isPending) return <FullPageSpin />;
  if (!app.data) return <LoadingOrError query={app} />;
  return <ApplicationSheet app={app.data} />;
}

function ApplicationSheet({ app }: { app: ApplicationDetail }) {
  const kinds = Object.keys(app.itemCounts).sort();
  const pages = useQueries({
    queries: kinds.map((kind) => ({
      queryKey: [...itemsKey(app.id, kind), 'print', 'all'],
      // Every row is printed: the paper at the window is the whole application.
      queryFn: () => fetchAllItems(app.id, kind),
    })),
  });
  if (pages.some((p) => p.isPending)) return <FullPageSpin />;
  const failed = pages.find((p) => p.isError);
  if (failed) return <LoadingOrError query={failed} />;
  return (
    <PrintLayout title={`${app.typeLabel}申请表`} number={app.no} signatures={SIGNATURES}>
      <h3>一、业务信息</h3>
      <table>
        <tbody>
          <tr>
            <th>业务单号</th>
            <td>{app.no}</td>
            <th>业务类型</th>
            <td>{app.typeLabel}</td>
          </tr>
          <tr>
            <th>申请单位</th>
            <td colSpan={3}>{app.orgName}</td>
          </tr>
          <tr>
            <th>物业区域</th>
            <td colSpan={3}>{app.areaName ?? '—'}</td>
          </tr>
          <tr>
            <th>创建日期</th>
            <td>{formatDate(app.createdAt)}</td>
            <th>提交时间</th>
            <td>{formatDateTime(app.submittedAt) || '未提交'}</td>
          </tr>
          <tr>
            <th>当前状态</th>
            <td colSpan={3}>
              {app.statusLabel}
              {app.rejectReason ? `（退回原因：${app.rejectReason}）` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>二、申请内容</h3>
      <table>
        <tbody>
          {formSummary(app).map((f) => (
            <tr key={f.label}>
              <th>{f.label}</th>
              <td>{f.value || '—'}</td>
            </tr>
          ))}
          {kinds.map((kind) => (
            <tr key={kind}>
              <th>{KIND_LABELS[kind]?.label ?? kind}</th>
              <td>
                {app.itemCounts[kind]} {KIND_LABELS[kind]?.unit ?? '条'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {kinds.map((kind, i) => (
        <ItemsPrint key={kind} app={app} kind={kind} items={pages[i]?.data ?? []} no={i + 3} paged={kinds.length === 1} />
      ))}
      <p>说明：申办人员请携带本申请表（加盖单位公章）及相关资料至维修资金管理部门受理窗口办理；受理、审核通过后业务办理完成。</p>
    </PrintLayout>
  );
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

function ItemsPrint({
  app,
  kind,
  items,
  no,
  paged,
}: {
  app: ApplicationDetail;
  kind: string;
  items: ApplicationItem[];
  no: number;
  /** The application's only list goes over as many sheets as it needs, numbered; several lists print whole in turn. */
  paged: boolean;
}) {
  const title = `${NUMERALS[no - 1] ?? no}、${KIND_LABELS[kind]?.label ?? kind}明细（共 ${items.length} ${KIND_LABELS[kind]?.unit ?? '条'}）`;
  const columns = useItemColumns(app, kind);
  const houses =
    kind === 'house' && (app.type === 'area_collection' || app.type === 'house_supplement')
      ? (items.map((i) => i.data) as ImportedHouse[])
      : null;
  return (
    <>
      {houses && houses.length > 0 && <BuildingSummary houses={houses} />}
      <h3>{title}</h3>
      {paged ? (
        <PagedTable
          columns={columns}
          rows={items}
          rowKey={(i) => i.seq}
          total={houses ? { 5: formatArea(houses.reduce((a, h) => a + h.buildingArea, 0)) } : undefined}
        />
      ) : (
        <ListTable columns={columns} rows={items} rowKey={(i) => i.seq} start={0} />
      )}
    </>
  );
}

/** 楼幢汇总: houses and floor area per building, and the whole application's totals. */
function BuildingSummary({ houses }: { houses: ImportedHouse[] }) {
  const byBuilding = new Map<string, { count: number; area: number }>();
  for (const h of houses) {
    const b = byBuilding.get(h.building) ?? { count: 0, area: 0 };
    b.count += 1;
    b.area += h.buildingArea;
    byBuilding.set(h.building, b);
  }
  const totalArea = houses.reduce((a, h) => a + h.buildingArea, 0);
  return (
    <>
      <h3>楼幢汇总</h3>
      <table className="print-list">
        <thead>
          <tr>
            <th>楼幢</th>
            <th>房屋（套）</th>
            <th>建筑面积合计（㎡）</th>
          </tr>
        </thead>
        <tbody>
          {[...byBuilding].map(([name, b]) => (
            <tr key={name}>
              <td>{name}</td>
              <td className="num">{b.count}</td>
              <td className="num">{formatArea(b.area)}</td>
            </tr>
          ))}
          <tr className="print-summary">
            <td>合计（{byBuilding.size} 幢）</td>
            <td className="num">{houses.length}</td>
            <td className="num">{formatArea(totalArea)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** “字段：前 → 后” for every field that changes. */
function changes<T>(fields: FieldDef<T>[], before: T | null, after: T): string {
  if (!before) return fields.map((f) => `${f.title}：${fieldText(f, after)}`).join('；');
  const list = fields
    .filter((f) => f.value(before) !== f.value(after))
    .map((f) => `${f.title}：${fieldText(f, before)} → ${fieldText(f, after)}`);
  return list.length ? list.join('；') : '无变更';
}

/** The printed columns of one kind of row, by application type (序号 first). */
function useItemColumns(app: ApplicationDetail, kind: string): PrintColumn<ApplicationItem>[] {
  const areas = useAreaOptions();
  const areaFields = useMemo(() => {
    const names = new Map((areas.data?.items ?? []).map((a) => [a.id, a.name]));
    return buildingFields((id) => names.get(id) ?? `#${id}`);
  }, [areas.data]);
  const snap = (i: ApplicationItem) => i.before as HouseSnapshot | null;
  const place = (i: ApplicationItem) => {
    const s = snap(i);
    return s ? houseLabel(s) : `#${i.houseId}`;
  };
  const columns = (titles: string[], render: (i: ApplicationItem) => string[], num: number[] = []): PrintColumn<ApplicationItem>[] => [
    { title: '序号', cell: (i) => i.seq, width: '7%' },
    ...titles.map((title, n) => ({ title, cell: (i: ApplicationItem) => render(i)[n], num: num.includes(n) })),
  ];

  if (app.type === 'house_change') {
    return columns(['房屋', '变更内容（变更前 → 变更后）'], (i) => [
      place(i),
      changes(HOUSE_FIELDS, snap(i) && houseFieldsOf(snap(i) as HouseSnapshot), (i.data as HouseChangeItem).after),
    ]);
  }
  if (app.type === 'building_change') {
    return columns(['楼幢', '变更内容（变更前 → 变更后）'], (i) => {
      const before = i.before as BuildingSnapshot | null;
      const after = (i.data as BuildingChangeItem).after;
      return [before?.name ?? after.name, changes(areaFields, before, after)];
    });
  }
  if (app.type === 'ownership_change') {
    return columns(['房屋', '变更前业主', '变更后业主'], (i) => [
      place(i),
      ownersText(snap(i)?.owners ?? []),
      ownersText((i.data as OwnershipItem).owners),
    ]);
  }
  if (app.type === 'house_cancellation' || kind === 'source') {
    const refund = app.type === 'house_cancellation';
    return columns(
      ['房屋', '坐落', '建筑面积(㎡)', ...(refund ? ['退款账户'] : ['业主'])],
      (i) => {
        const s = snap(i);
        return [
          place(i),
          s?.address ?? '',
          s ? formatArea(s.buildingArea) : '',
          refund ? refundText((i.data as CancellationItem).refundAccount) : ownersText(s?.owners ?? []),
        ];
      },
      [2],
    );
  }
  return columns(
    ['楼幢', '单元', '楼层', '房号', '建筑面积(㎡)', '房屋类型', '销售状态', '业主'],
    (i) => {
      const h = i.data as ImportedHouse;
      return [
        h.building,
        h.unit,
        String(h.floor),
        h.room,
        formatArea(h.buildingArea),
        h.use,
        SALES_LABELS[h.salesStatus],
        h.owners.map((o) => o.name).join('、'),
      ];
    },
    [4],
  );
}
