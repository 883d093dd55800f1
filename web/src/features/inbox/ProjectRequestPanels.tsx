import { Descriptions, Table, Typography } from 'antd';
import { amountInWords } from '../../lib/amountInWords';
import { formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import type { ProjectRequest } from '../project-print/api';
import { ProjectRequestStatusTag } from './ProjectRequestStatusTag';

/** 维修项目申请审核: the request itself — number, kind, status, amount in figures and words, its dates. */
export function RequestHeader({ r }: { r: ProjectRequest }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={[
        { key: 'no', label: '申请编号', children: r.no },
        { key: 'kind', label: '业务类型', children: r.kindLabel },
        { key: 'status', label: '状态', children: <ProjectRequestStatusTag status={r.status} label={r.statusLabel} /> },
        { key: 'phase', label: '拨付期次', children: r.phaseSeq ? `第 ${r.phaseSeq} 期` : '—' },
        {
          key: 'amount',
          label: '金额',
          span: 2,
          children: (
            <Typography.Text strong>
              {formatYuan(r.amount)} 元（人民币{amountInWords(r.amount)}）
            </Typography.Text>
          ),
        },
        { key: 'submitted', label: '提交时间', children: formatDateTime(r.submittedAt) },
        { key: 'accepted', label: '受理时间', children: formatDateTime(r.acceptedAt) || '—' },
        { key: 'reviewed', label: '审核时间', children: formatDateTime(r.reviewedAt) || '—' },
        { key: 'confirmed', label: '银行确认时间', children: formatDateTime(r.confirmedAt) || '—' },
        { key: 'note', label: r.kind === 'refund' ? '清退原因' : '申请说明', span: 2, children: r.note || '—' },
      ]}
    />
  );
}

/** 收款账户 of a disbursement or refund: who is paid how much. */
export function PayeesTable({ r }: { r: ProjectRequest }) {
  return (
    <Table
      rowKey={(x) => `${x.accountNo}-${x.unitName}-${x.amount}`}
      size="small"
      pagination={false}
      dataSource={r.payees}
      columns={[
        { title: '收款单位', dataIndex: 'unitName' },
        { title: '账户名称', dataIndex: 'accountName' },
        { title: '开户银行', dataIndex: 'bankName' },
        { title: '银行账号', dataIndex: 'accountNo' },
        { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
      ]}
    />
  );
}
