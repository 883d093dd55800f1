import { Col, Row, Statistic, Table } from 'antd';
import { formatYuan } from '../../lib/units';
import type { ProjectDetail, ProjectSummary } from '../project-print/api';

const LIVE = new Set(['submitted', 'accepted', 'approved', 'confirmed']);

/** F-60 “the project's full money summary”: the totals, and per phase its plan against what is applied and transferred. */
export function ProjectMoneyPanel({ p, s }: { p: ProjectDetail; s: ProjectSummary }) {
  const m = s.money;
  const figures: [string, number | null][] = [
    ['预算总额', m.budget],
    ['拨付计划', m.plan],
    ['累计申请', m.applied],
    ['已划转', m.transferred],
    ['已清退', m.refunded],
    ['结算金额', m.settlement],
  ];
  const disbursements = s.requests.filter((r) => r.kind === 'disbursement');
  const phases = p.phases.map((ph) => {
    const mine = disbursements.filter((r) => r.phaseId === ph.id);
    return {
      ...ph,
      applied: mine.filter((r) => LIVE.has(r.status)).reduce((a, r) => a + r.amount, 0),
      transferred: mine.filter((r) => r.status === 'confirmed').reduce((a, r) => a + r.amount, 0),
    };
  });
  return (
    <>
      <Row gutter={[16, 16]} data-testid="project-money">
        {figures.map(([label, fen]) => (
          <Col key={label} xs={12} md={8} xl={4}>
            <Statistic title={`${label}（元）`} value={fen === null ? '—' : formatYuan(fen)} />
          </Col>
        ))}
      </Row>
      {phases.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={phases}
          columns={[
            { title: '期次', dataIndex: 'seq', render: (n: number) => `第 ${n} 期` },
            { title: '拨付条件', dataIndex: 'condition' },
            { title: '计划金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '已申请（元）', dataIndex: 'applied', align: 'right', render: (f: number) => formatYuan(f) },
            { title: '已划转（元）', dataIndex: 'transferred', align: 'right', render: (f: number) => formatYuan(f) },
          ]}
        />
      )}
    </>
  );
}
