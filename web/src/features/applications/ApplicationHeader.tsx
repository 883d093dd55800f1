import { Descriptions, Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { ApplicationStatusTag } from './ApplicationStatusTag';

/** 业务单号, status and the application's milestones. */
export function ApplicationHeader({ app }: { app: ApplicationDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        {
          key: 'no',
          label: '业务单号',
          children: (
            <Typography.Text strong copyable data-testid="application-no">
              {app.no}
            </Typography.Text>
          ),
        },
        { key: 'type', label: '业务类型', children: app.typeLabel },
        { key: 'status', label: '状态', children: <ApplicationStatusTag status={app.status} /> },
        { key: 'org', label: '申请单位', children: app.orgName },
        { key: 'area', label: '物业区域', children: app.areaName ?? '—' },
        { key: 'created', label: '创建时间', children: formatDateTime(app.createdAt) },
        { key: 'submitted', label: '提交时间', children: formatDateTime(app.submittedAt) || '—' },
        { key: 'accepted', label: '受理时间', children: formatDateTime(app.acceptedAt) || '—' },
        { key: 'reviewed', label: '审核时间', children: formatDateTime(app.reviewedAt) || '—' },
        // After a 退回 and a new submission, each round keeps its own 受理 and 审核 times.
        ...(app.rounds.length > 1
          ? [
              {
                key: 'rounds',
                label: '历次办理',
                span: 'filled' as const,
                children: (
                  <ol style={{ margin: 0, paddingInlineStart: 20 }} aria-label="历次办理">
                    {app.rounds.map((r) => (
                      <li key={r.submittedAt}>{roundText(r)}</li>
                    ))}
                  </ol>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

const RESULTS = { approved: '审核通过', rejected: '退回' } as const;

function roundText(r: ApplicationDetail['rounds'][number]): string {
  return [
    `提交 ${formatDateTime(r.submittedAt)}`,
    `受理 ${formatDateTime(r.acceptedAt) || '—'}`,
    `审核 ${formatDateTime(r.reviewedAt) || '—'}${r.result ? `（${RESULTS[r.result]}）` : ''}`,
  ].join('，');
}
