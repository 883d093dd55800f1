import { Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { usePagedQuery } from '../../lib/paging';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PrintButton } from '../../components/PrintButton';
import { amountInWords } from '../../lib/amountInWords';
import { formatDate } from '../../lib/dates';
import { formatArea, formatYuan } from '../../lib/units';
import { fetchPublicNoticePage, type ListHouse, type PublicNoticeDetail } from '../project-print/api';
import { NoticeKindTag } from './NoticeKindTag';

const LIST_TITLE = { initiation: '预算清册', acceptance: '决算清册', cancellation: '' } as const;

/** 公示详情 (F-72): the notice and a page at a time of its budget or final list; printable for anyone. */
export function NoticeDetailPage() {
  const { no = '' } = useParams();
  const { query: notice, pagination } = usePagedQuery({
    queryKey: ['public', 'project-notices', no],
    fetchPage: ({ page, pageSize }) => fetchPublicNoticePage(no, page, pageSize),
    totalOf: (n) => n.list?.total ?? 0,
    retry: false,
  });
  useDocumentTitle(notice.data?.title ?? '公示详情');
  if (!notice.data) return <LoadingOrError query={notice} />;
  const n = notice.data;
  return (
    <Flex vertical gap={16}>
      <Card
        title={n.title}
        extra={
          <Flex gap={8}>
            <Link to="/notices">
              <Button>返回公示列表</Button>
            </Link>
            <PrintButton path={`/notices/${n.no}/print`}>打印公示</PrintButton>
          </Flex>
        }
      >
        <NoticeDescriptions n={n} />
        {n.content && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }} data-testid="notice-content">
            {n.content}
          </Typography.Paragraph>
        )}
      </Card>
      {n.list && (
        <Card
          title={`${LIST_TITLE[n.kind]}（共 ${n.list.total} 户，建筑面积 ${formatArea(n.list.totalArea)} ㎡，合计 ${formatYuan(n.list.totalShare)} 元）`}
        >
          <Table<ListHouse>
            rowKey="houseId"
            size="small"
            loading={notice.isFetching}
            dataSource={n.list.items}
            pagination={{
              ...pagination,
              showTotal: (t) => `共 ${t} 户`,
            }}
            columns={[
              { title: '楼幢', dataIndex: 'building' },
              { title: '单元', dataIndex: 'unit' },
              { title: '房号', dataIndex: 'room' },
              { title: '坐落', dataIndex: 'address', ellipsis: true },
              { title: '建筑面积（㎡）', dataIndex: 'buildingArea', align: 'right', render: (a: number) => formatArea(a) },
              { title: '分摊金额（元）', dataIndex: 'share', align: 'right', render: (f: number) => formatYuan(f) },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

function NoticeDescriptions({ n }: { n: PublicNoticeDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={[
        { key: 'no', label: '公示编号', children: n.no },
        { key: 'kind', label: '公示类型', children: <NoticeKindTag kind={n.kind} label={n.kindLabel} /> },
        { key: 'project', label: '维修项目', children: `${n.projectName}（${n.projectNo}）` },
        { key: 'type', label: '项目类型', children: n.projectType },
        { key: 'area', label: '物业区域', children: n.areaName },
        { key: 'period', label: '公示期', children: `${formatDate(n.publishedAt)} 至 ${n.deadline}` },
        { key: 'budget', label: '预算总额', span: 2, children: `${formatYuan(n.budgetTotal)} 元（人民币${amountInWords(n.budgetTotal)}）` },
        ...(n.settlementAmount === null
          ? []
          : [
              {
                key: 'settlement',
                label: '结算金额',
                span: 2,
                children: `${formatYuan(n.settlementAmount)} 元（人民币${amountInWords(n.settlementAmount)}）`,
              },
            ]),
      ]}
    />
  );
}
