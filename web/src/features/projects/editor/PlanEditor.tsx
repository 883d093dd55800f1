import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Table, Typography } from 'antd';
import { formatYuan } from '../../../lib/units';
import { YuanInput } from '../MoneyField';
import { type PhaseDraft, sumFen } from './drafts';

interface PlanEditorProps {
  phases: PhaseDraft[];
  /** The budget total of the items as typed (fen). */
  budgetTotal: number;
  editable: boolean;
  onChange: (phases: PhaseDraft[]) => void;
}

let nextKey = 0;

/**
 * 拨付计划 (manual §1.3.1 第一步 五): the phases of the construction contract. R-41: their total must
 * equal the budget total — shown live as it is typed; the server enforces it when the approval is submitted.
 */
export function PlanEditor({ phases, budgetTotal, editable, onChange }: PlanEditorProps) {
  const total = sumFen(phases.map((p) => p.amount));
  const patch = (key: string, change: Partial<PhaseDraft>) => onChange(phases.map((p) => (p.key === key ? { ...p, ...change } : p)));
  const diff = budgetTotal - total;
  return (
    <>
      <Table<PhaseDraft>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={phases}
        locale={{ emptyText: '尚未添加拨付计划' }}
        columns={[
          { title: '期数', key: 'seq', width: 80, render: (_: unknown, _p, n) => `第 ${n + 1} 期` },
          {
            title: '本期拨付金额（元）',
            dataIndex: 'amount',
            width: 200,
            render: (v: string, p, n) =>
              editable ? (
                <YuanInput aria-label={`第 ${n + 1} 期拨付金额`} value={v} onChange={(e) => patch(p.key, { amount: e.target.value })} />
              ) : (
                v
              ),
          },
          {
            title: '拨付条件',
            dataIndex: 'condition',
            render: (v: string, p, n) =>
              editable ? (
                <Input
                  aria-label={`第 ${n + 1} 期拨付条件`}
                  value={v}
                  maxLength={500}
                  placeholder="如：材料进场、验收合格"
                  onChange={(e) => patch(p.key, { condition: e.target.value })}
                />
              ) : (
                v || '—'
              ),
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 70,
                  render: (_: unknown, p: PhaseDraft) => (
                    <Button type="link" size="small" danger onClick={() => onChange(phases.filter((x) => x.key !== p.key))}>
                      删除
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Button
          icon={<PlusOutlined aria-hidden />}
          style={{ marginTop: 8 }}
          onClick={() => onChange([...phases, { key: `new-phase-${nextKey++}`, amount: '', condition: '' }])}
        >
          添加拨付计划
        </Button>
      )}
      <Alert
        style={{ marginTop: 12 }}
        type={diff === 0 && phases.length > 0 ? 'success' : 'warning'}
        showIcon
        data-testid="plan-total"
        title={
          <Typography.Text>
            拨付计划合计 {formatYuan(total)} 元，预算总额 {formatYuan(budgetTotal)} 元
            {diff === 0 ? '，二者相等' : `，相差 ${formatYuan(Math.abs(diff))} 元：拨付计划的总额须等于预算总额`}
          </Typography.Text>
        }
      />
    </>
  );
}
