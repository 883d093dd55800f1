import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { errorMessage } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { useServerTable } from '../../lib/useServerTable';
import { AreaSelect } from '../registry/AreaSelect';
import { DEPOSIT_STATUS_KEY, fetchNotices, NOTICES_KEY, type NoticeRow, voidNotice } from './api';
import { allows } from '../../lib/actions';
import { NOTICE_STATUS_LABELS, NoticeStatusTag, noticePrintPath } from './labels';

const STATUSES = ['unpaid', 'paid', 'void'] as const;

/** 交款通知单查询: the organisation's notices, filtered by status, area, number, payer or house; print or void (作废) them. */
export function NoticeListPage() {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const table = useServerTable({
    queryKey: [...NOTICES_KEY, 'list'],
    filterKeys: ['status', 'q', 'areaId'],
    fetchPage: ({ page, pageSize, filters }) =>
      fetchNotices({
        page,
        pageSize,
        status: oneOf(filters.status, STATUSES),
        q: filters.q,
        areaId: Number(filters.areaId) || undefined,
      }),
  });
  const cancel = useMutation({
    mutationFn: voidNotice,
    onSuccess: (n) => {
      message.success(`交款通知单 ${n.no} 已作废`);
      queryClient.invalidateQueries({ queryKey: NOTICES_KEY });
      queryClient.invalidateQueries({ queryKey: DEPOSIT_STATUS_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const confirmVoid = (n: NoticeRow) =>
    modal.confirm({
      title: `作废交款通知单 ${n.no}？`,
      content: `交款人：${n.payerName}，金额 ${formatYuan(n.total)} 元。作废后该通知单不能再用于交款，如需交款请重新打印通知单。`,
      okText: '作废',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => cancel.mutateAsync(n.no).catch(() => undefined),
    });

  const columns: TableColumnsType<NoticeRow> = [
    { title: '通知单号', dataIndex: 'no', width: 190 },
    {
      title: '交款类型',
      key: 'purpose',
      render: (_, n) => (n.purposeNote ? `${n.purposeLabel}（${n.purposeNote}）` : n.purposeLabel),
    },
    { title: '交款人', dataIndex: 'payerName', ellipsis: true },
    { title: '金额（元）', dataIndex: 'total', align: 'right', render: (f: number) => formatYuan(f) },
    { title: '有效期至', dataIndex: 'validUntil', width: 110 },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: NoticeRow['status']) => <NoticeStatusTag status={s} /> },
    { title: '开具时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
    { title: '缴款时间', dataIndex: 'paidAt', width: 150, render: (t: string | null) => formatDateTime(t) || '—' },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, n) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<PrinterOutlined aria-hidden />}
            aria-label={`打印 ${n.no}`}
            onClick={() => window.open(noticePrintPath(n.no), '_blank', 'noopener')}
          >
            打印
          </Button>
          {allows(n, 'void') && (
            <Button type="link" size="small" danger aria-label={`作废 ${n.no}`} onClick={() => confirmVoid(n)}>
              作废
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Page title="交款通知单查询">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <AreaSelect
          aria-label="物业区域"
          allowClear
          value={Number(table.filters.areaId) || undefined}
          onChange={(id) => table.setFilters({ areaId: id ? String(id) : undefined })}
          onClear={() => table.setFilters({ areaId: undefined })}
          style={{ width: 260 }}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          value={oneOf(table.filters.status, STATUSES)}
          onChange={(s) => table.setFilters({ status: s })}
          options={STATUSES.map((s) => ({ value: s, label: NOTICE_STATUS_LABELS[s] }))}
          style={{ width: 140 }}
        />
        <Input.Search
          aria-label="搜索交款通知单"
          placeholder="通知单号、交款人或房屋（如 2栋1单元101）"
          allowClear
          defaultValue={table.filters.q}
          onSearch={(q) => table.setFilters({ q: q.trim() })}
          style={{ width: 340 }}
        />
      </Flex>
      <Table<NoticeRow> {...table.tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
    </Page>
  );
}
