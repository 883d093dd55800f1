import { Flex, Table, Typography } from 'antd';
import { ExportButton } from '../../../components/ExportButton';
import { HouseNumberSearch } from '../HouseNumberSearch';
import { useState } from 'react';
import { usePagedQuery } from '../../../lib/paging';
import { formatArea, formatYuan } from '../../../lib/units';
import { fetchMergedList, type MergedRow, PROJECTS_KEY } from '../api';

/**
 * 合并分摊清册 (manual §1.3.1 第一步 四): one row per house with what it pays over all the items —
 * a house in several items' ranges shows its total.
 */
export function MergedListTable({ projectId }: { projectId: number }) {
  const [q, setQ] = useState('');
  const {
    query: list,
    pagination,
    firstPage,
  } = usePagedQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'merged', { q }],
    fetchPage: ({ page, pageSize }) => fetchMergedList(projectId, page, pageSize, q || undefined),
  });
  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="merged-total">
          {list.data
            ? q
              ? `找到 ${list.data.total} 户（全部房屋总建筑面积 ${formatArea(list.data.totalArea)} ㎡，分摊合计 ${formatYuan(list.data.totalShare)} 元）`
              : `共 ${list.data.total} 户，总建筑面积 ${formatArea(list.data.totalArea)} ㎡，分摊合计 ${formatYuan(list.data.totalShare)} 元`
            : ''}
        </Typography.Text>
        <HouseNumberSearch
          onSearch={(text) => {
            setQ(text);
            firstPage();
          }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton url={`/api/projects/${projectId}/merged-list.xlsx`} fileName="合并分摊清册.xlsx" />
        </div>
      </Flex>
      <Table<MergedRow>
        rowKey="houseId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{
          ...pagination,
          showSizeChanger: true,
          showTotal: (total) => (q ? `找到 ${total} 户` : `共 ${total} 户`),
        }}
        columns={[
          { title: '房屋坐落', dataIndex: 'address' },
          { title: '业主', dataIndex: 'owners', width: 200, ellipsis: true },
          { title: '建筑面积（㎡）', dataIndex: 'buildingArea', width: 130, align: 'right', render: (a: number) => formatArea(a) },
          { title: '支付金额（元）', dataIndex: 'share', width: 150, align: 'right', render: (s: number) => formatYuan(s) },
        ]}
      />
    </>
  );
}
