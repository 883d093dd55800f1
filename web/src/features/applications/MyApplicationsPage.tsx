import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ApplicationSummary } from '../../api/types';
import { Page } from '../../components/Page';
import { errorMessage } from '../../lib/serverErrors';
import { useServerTable } from '../../lib/useServerTable';
import { APPLICATIONS_KEY, allows, applicationActions, fetchApplications, isEditable } from './api';
import { APPLICATION_FILTERS, ApplicationFilters, applicationColumns, applicationQuery } from './ApplicationFilters';
import { applicationPath } from './labels';

/** 业务单查询: the organisation's business applications — open, continue a draft or returned one, withdraw, print. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const table = useServerTable({
    queryKey: [...APPLICATIONS_KEY, 'list'],
    filterKeys: APPLICATION_FILTERS,
    fetchPage: ({ page, pageSize, filters }) => fetchApplications(applicationQuery(page, pageSize, filters)),
  });

  const withdraw = async (a: ApplicationSummary) => {
    const ok = await modal.confirm({
      title: `撤回业务单 ${a.no}？`,
      content: '撤回后该业务单作废，不能再提交，所选房屋不再占用。',
      okText: '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
    });
    if (!ok) return;
    try {
      await applicationActions.withdraw(a.id);
      message.success(`业务单 ${a.no} 已撤回`);
      await queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '业务单号',
      dataIndex: 'no',
      width: 170,
      render: (no: string, a) => <Link to={applicationPath(a.type, a.id)}>{no}</Link>,
    },
    applicationColumns.type,
    applicationColumns.area,
    applicationColumns.status,
    applicationColumns.items,
    applicationColumns.created,
    applicationColumns.submitted,
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, a) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(applicationPath(a.type, a.id))}>
            {isEditable(a) ? '修改' : '查看'}
          </Button>
          {allows(a, 'withdraw') && (
            <Button type="link" size="small" danger onClick={() => withdraw(a)}>
              撤回
            </Button>
          )}
          {allows(a, 'print') && (
            <Button type="link" size="small" onClick={() => window.open(`/print/application/${a.id}`, '_blank', 'noopener')}>
              打印申请表
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Page title="业务单查询">
      <ApplicationFilters filters={table.filters} setFilters={table.setFilters} searchPlaceholder="业务单号或物业区域" />
      <Table<ApplicationSummary> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
    </Page>
  );
}
