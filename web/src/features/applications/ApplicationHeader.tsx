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
      ]}
    />
  );
}
