import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ApplicationDetail, ApplicationSummary } from '../../api/types';
import { Page } from '../../components/Page';
import { allows } from '../../lib/actions';
import { useServerTable } from '../../lib/useServerTable';
import { APPLICATIONS_KEY, fetchApplications } from '../applications/api';
import { APPLICATION_FILTERS, ApplicationFilters, applicationColumns, applicationQuery } from '../applications/ApplicationFilters';
import { APPLICATION_STATUSES } from '../applications/labels';
import { AcceptModal, useApplicationSteps } from './ReviewDialogs';
import { reviewPath } from './reviewRoute';

const OFFICE_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

/** F-60 待办业务: every submitted business application, to accept at the window and to review. */
export function InboxPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [accepting, setAccepting] = useState<ApplicationSummary>();
  const table = useServerTable({
    queryKey: [...APPLICATIONS_KEY, 'list', 'inbox'],
    filterKeys: APPLICATION_FILTERS,
    fetchPage: ({ page, pageSize, filters }) => fetchApplications(applicationQuery(page, pageSize, filters)),
  });
  const open = (a: ApplicationSummary) => navigate(reviewPath('application', a.id));

  const columns: TableColumnsType<ApplicationSummary> = [
    { title: '业务单号', dataIndex: 'no', width: 170, render: (no: string, a) => <Link to={reviewPath('application', a.id)}>{no}</Link> },
    applicationColumns.type,
    applicationColumns.org,
    applicationColumns.area,
    applicationColumns.status,
    applicationColumns.items,
    applicationColumns.submitted,
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, a) => (
        <Space size={0}>
          {allows(a, 'accept') && (
            <Button type="link" size="small" onClick={() => setAccepting(a)}>
              受理
            </Button>
          )}
          {allows(a, 'approve') && (
            <Button type="link" size="small" onClick={() => open(a)}>
              审核
            </Button>
          )}
          <Button type="link" size="small" onClick={() => open(a)}>
            查看
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Page title="待办业务">
      <ApplicationFilters
        filters={table.filters}
        setFilters={table.setFilters}
        statuses={OFFICE_STATUSES}
        searchPlaceholder="业务单号、申请单位或物业区域"
      />
      <Table<ApplicationSummary> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
      {accepting && (
        <QuickAccept
          app={accepting}
          onClose={() => setAccepting(undefined)}
          onDone={(after) => {
            message.success(`业务单 ${after.no} 已受理`);
            setAccepting(undefined);
            queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
          }}
        />
      )}
    </Page>
  );
}

/** 受理 from the list, without opening the review page: the same dialog with the application's steps. */
function QuickAccept({
  app,
  onClose,
  onDone,
}: {
  app: ApplicationSummary;
  onClose: () => void;
  onDone: (after: ApplicationDetail) => void;
}) {
  const steps = useApplicationSteps(app);
  return <AcceptModal steps={steps} onClose={onClose} onDone={onDone} />;
}
