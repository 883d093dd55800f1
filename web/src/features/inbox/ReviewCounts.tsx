import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { formatYuan } from '../../lib/units';
import { fetchAllItems } from '../applications/api';
import type { AreaCollectionForm, HouseSupplementForm } from '../applications/forms';
import { fetchHousesByIds } from '../applications/picked';

interface Figure {
  title: string;
  value: number;
  unit: string;
}

/** The existing houses whose amount due the reviewer sees summed (cancellation, change, split/merge sources). */
const PRICED_KIND: Partial<Record<ApplicationDetail['type'], string>> = {
  house_change: 'house',
  house_cancellation: 'house',
  house_split_merge: 'source',
};

function figures(app: ApplicationDetail): Figure[] {
  const n = (kind: string) => app.itemCounts[kind] ?? 0;
  switch (app.type) {
    case 'area_collection':
    case 'house_supplement': {
      const { buildings } = app.form as AreaCollectionForm | HouseSupplementForm;
      return [
        { title: '新建楼幢', value: buildings.length, unit: '幢' },
        { title: '新建房屋', value: n('house'), unit: '套' },
        { title: '开户数', value: n('house'), unit: '户' },
      ];
    }
    case 'house_change':
      return [{ title: '变更房屋', value: n('house'), unit: '套' }];
    case 'ownership_change':
      return [{ title: '变更权属的房屋', value: n('owners'), unit: '套' }];
    case 'house_cancellation':
      return [
        { title: '注销房屋', value: n('house'), unit: '套' },
        { title: '销户数', value: n('house'), unit: '户' },
      ];
    case 'building_change':
      return [{ title: '变更楼幢', value: n('building'), unit: '幢' }];
    case 'house_split_merge':
      return [
        { title: '注销原房屋', value: n('source'), unit: '套' },
        { title: '新建房屋', value: n('result'), unit: '套' },
        { title: '开户数', value: n('result'), unit: '户' },
      ];
    default:
      return [];
  }
}

/** The current amount due of the existing houses an application touches, summed in fen. */
function useAmountDue(app: ApplicationDetail) {
  const kind = PRICED_KIND[app.type];
  return useQuery({
    queryKey: ['applications', 'amount-due', app.id, kind],
    enabled: kind !== undefined && app.areaId !== null && app.status !== 'approved',
    queryFn: async () => {
      const items = await fetchAllItems(app.id, kind ?? '');
      const houses = await fetchHousesByIds(
        app.areaId ?? 0,
        items.flatMap((i) => (i.houseId ? [i.houseId] : [])),
      );
      let total = 0;
      for (const h of houses.values()) total += h.amountDue ?? 0;
      return total;
    },
  });
}

const OUTCOME_LABELS: Record<string, string> = {
  buildings: '楼幢',
  houses: '房屋',
  created: '新建房屋',
  cancelled: '注销房屋',
  owners: '业主',
  supplements: '需补交的房屋',
  decreases: '应交减少的房屋',
  movedHouses: '随楼幢迁移的房屋',
};

/** 审核 at a glance: what approval will create, open, close or change. */
export function ReviewCounts({ app }: { app: ApplicationDetail }) {
  const due = useAmountDue(app);
  const outcome = app.outcome && typeof app.outcome === 'object' ? Object.entries(app.outcome as Record<string, unknown>) : [];
  const done = outcome.filter(([k, v]) => OUTCOME_LABELS[k] && typeof v === 'number');
  return (
    <Card size="small" title={app.status === 'approved' ? '办理结果' : '审核要点'}>
      {app.status === 'approved' && done.length > 0 ? (
        <Descriptions size="small" column={4} items={done.map(([k, v]) => ({ key: k, label: OUTCOME_LABELS[k], children: String(v) }))} />
      ) : (
        <Row gutter={24}>
          {figures(app).map((f) => (
            <Col key={f.title}>
              <Statistic title={f.title} value={f.value} suffix={f.unit} />
            </Col>
          ))}
          {PRICED_KIND[app.type] && (
            <Col>
              <Statistic
                title="涉及房屋当前应交金额合计"
                value={due.data === undefined ? '—' : formatYuan(due.data)}
                suffix={due.data === undefined ? undefined : '元'}
                loading={due.isFetching}
              />
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
