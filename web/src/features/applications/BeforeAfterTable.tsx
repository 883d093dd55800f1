import { Col, Flex, Pagination, Row, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { type FieldDef, fieldText } from './fields';

export interface BeforeAfterRow<T> {
  key: number;
  /** What the row is, e.g. 1栋1单元1801 — shown in both tables so rows can be matched. */
  label: string;
  before: T | null;
  after: T;
}

interface BeforeAfterTableProps<T> {
  rows: BeforeAfterRow<T>[];
  fields: FieldDef<T>[];
  /** The first column's title: 房屋 or 楼幢. */
  subject: string;
  /** Server paging; without it the rows are paged here. */
  page?: { current: number; pageSize: number; total: number; onChange: (current: number, pageSize: number) => void };
  loading?: boolean;
  /** Clicking a row of 变更后 edits it (manual: “在变更后列表区域鼠标单击选中…就可以更改”). */
  onEdit?: (row: BeforeAfterRow<T>) => void;
  /** Further actions at the end of a 变更后 row, e.g. 移除. */
  actions?: (row: BeforeAfterRow<T>) => ReactNode;
}

const CHANGED = { background: '#fff4c2' };

const changed = <T,>(f: FieldDef<T>, r: BeforeAfterRow<T>) => r.before !== null && f.value(r.before) !== f.value(r.after);

/**
 * 变更前 and 变更后 side by side on a wide screen (one above the other on a narrower one), row for
 * row on the same page, with every changed value marked in 变更后. The same
 * component serves the developer's editor (rows editable) and the fund office's review (read only).
 */
export function BeforeAfterTable<T>({ rows, fields, subject, page, loading, onEdit, actions }: BeforeAfterTableProps<T>) {
  const [local, setLocal] = useState({ current: 1, pageSize: 10 });
  const paging = page ?? { ...local, total: rows.length, onChange: (current: number, pageSize: number) => setLocal({ current, pageSize }) };
  const shown = page ? rows : rows.slice((paging.current - 1) * paging.pageSize, paging.current * paging.pageSize);
  const changedRows = rows.filter((r) => fields.some((f) => changed(f, r))).length;

  const label = { title: subject, dataIndex: 'label', key: 'label', width: 140, fixed: 'left' as const, ellipsis: true };
  const beforeColumns: TableColumnsType<BeforeAfterRow<T>> = [
    label,
    ...fields.map((f) => ({
      title: f.title,
      key: f.key,
      width: f.width,
      ellipsis: true,
      render: (_: unknown, r: BeforeAfterRow<T>) => (r.before === null ? '—' : fieldText(f, r.before)),
    })),
  ];
  const afterColumns: TableColumnsType<BeforeAfterRow<T>> = [
    label,
    ...fields.map((f) => ({
      title: f.title,
      key: f.key,
      width: f.width,
      ellipsis: true,
      onCell: (r: BeforeAfterRow<T>) => (changed(f, r) ? { style: CHANGED, title: '已变更' } : {}),
      render: (_: unknown, r: BeforeAfterRow<T>) => fieldText(f, r.after),
    })),
    ...(actions
      ? [{ title: '操作', key: 'actions', width: 120, fixed: 'right' as const, render: (_: unknown, r: BeforeAfterRow<T>) => actions(r) }]
      : []),
  ];
  const width = 140 + fields.reduce((sum, f) => sum + (f.width ?? 100), 0);

  const table = (title: string, columns: TableColumnsType<BeforeAfterRow<T>>, editable: boolean, extra = 0) => (
    <section aria-label={title}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {title}
      </Typography.Text>
      <Table<BeforeAfterRow<T>>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={shown}
        loading={loading}
        pagination={false}
        scroll={{ x: width + extra }}
        onRow={editable && onEdit ? (r) => ({ onClick: () => onEdit(r), style: { cursor: 'pointer' } }) : undefined}
      />
    </section>
  );

  return (
    <Flex vertical gap={8}>
      <Row gutter={[12, 12]}>
        <Col xs={24} xxl={12}>
          {table('变更前', beforeColumns, false)}
        </Col>
        <Col xs={24} xxl={12}>
          {table('变更后', afterColumns, true, actions ? 120 : 0)}
        </Col>
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          <span style={{ ...CHANGED, display: 'inline-block', width: 14, height: 14, verticalAlign: -2, marginRight: 4 }} />
          底色标示变更的内容{page ? '' : `；共 ${rows.length} 行，其中 ${changedRows} 行有变更`}
          {onEdit ? '；单击“变更后”中的一行修改该行' : ''}
        </Typography.Text>
        <Pagination
          size="small"
          current={paging.current}
          pageSize={paging.pageSize}
          total={paging.total}
          showSizeChanger
          pageSizeOptions={[10, 20, 50, 100]}
          showTotal={(total) => `共 ${total} 行`}
          onChange={paging.onChange}
        />
      </Flex>
    </Flex>
  );
}
