import { Button, Input, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { formatYuan, parseYuan } from '../../../lib/units';
import { YuanInput } from '../MoneyField';
import type { ItemDraft } from './drafts';

interface ItemsTableProps {
  items: ItemDraft[];
  editable: boolean;
  selectedKey?: string;
  onSelect: (key: string) => void;
  onChange: (key: string, patch: Partial<ItemDraft>) => void;
  onRemove: (key: string) => void;
}

/**
 * 维修设施设备 (manual §1.3.1 第一步 三、2 and 4): per facility its repair content, 施工单位, remark and
 * budget; clicking a row opens its 房屋分摊列表 below.
 */
export function ItemsTable({ items, editable, selectedKey, onSelect, onChange, onRemove }: ItemsTableProps) {
  const text = (field: 'content' | 'contractor' | 'remark', label: string, max: number) => (value: string, i: ItemDraft) =>
    editable ? (
      <Input
        aria-label={`${label}（${i.facilityName}）`}
        value={value}
        maxLength={max}
        status={field === 'content' && !value.trim() ? 'warning' : undefined}
        onChange={(e) => onChange(i.key, { [field]: e.target.value })}
        onClick={(e) => e.stopPropagation()}
      />
    ) : (
      value || '—'
    );
  const columns: TableColumnsType<ItemDraft> = [
    // Fixed widths for the short columns; 维修内容, 施工单位 and 备注 share the rest, so the table fits
    // the page at 1366 px instead of scrolling sideways.
    { title: '序号', key: 'seq', width: 52, render: (_: unknown, _i, n) => n + 1 },
    { title: '设施设备', dataIndex: 'facilityName', width: 120 },
    { title: '类型', dataIndex: 'facilityType', width: 76 },
    { title: '安装位置', dataIndex: 'locationLabel', width: 120 },
    { title: '维修内容', dataIndex: 'content', render: text('content', '维修内容', 500) },
    { title: '施工单位', dataIndex: 'contractor', render: text('contractor', '施工单位', 100) },
    { title: '备注', dataIndex: 'remark', render: text('remark', '备注', 500) },
    {
      title: '预算金额（元）',
      dataIndex: 'budget',
      width: 140,
      render: (value: string, i) =>
        editable ? (
          <YuanInput
            aria-label={`预算金额（${i.facilityName}）`}
            value={value}
            status={parseYuan(value.trim() || '0') === null ? 'error' : undefined}
            onChange={(e) => onChange(i.key, { budget: e.target.value })}
            onClick={(e) => e.stopPropagation()}
          />
        ) : (
          value
        ),
    },
    {
      title: '分摊户数 / 分摊合计（元）',
      key: 'range',
      width: 150,
      render: (_: unknown, i) =>
        i.id === undefined ? (
          <Typography.Text type="secondary">保存后生成</Typography.Text>
        ) : (
          `${i.houseCount ?? 0} 户 / ${formatYuan(i.shareTotal ?? 0)}`
        ),
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 60,
      render: (_: unknown, i) => (
        <Popconfirm title={`删除“${i.facilityName}”及其分摊范围？`} okText="删除" cancelText="取消" onConfirm={() => onRemove(i.key)}>
          <Button type="link" size="small" danger onClick={(e) => e.stopPropagation()}>
            删除
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Table<ItemDraft>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={items}
      columns={columns}
      tableLayout="fixed"
      data-testid="items-table"
      locale={{ emptyText: '尚未选择维修设施设备' }}
      onRow={(i) => ({ onClick: () => onSelect(i.key), style: { cursor: 'pointer' } })}
      rowClassName={(i) => (i.key === selectedKey ? 'ant-table-row-selected' : '')}
    />
  );
}
