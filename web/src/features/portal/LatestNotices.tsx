import { NotificationOutlined } from '@ant-design/icons';
import { Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/dates';
import { useLatestNotices } from './noticeApi';
import { NoticeKindTag } from './NoticeKindTag';

/** 最新公示 on the home page (F-72): the newest repair project notices. */
export function LatestNotices() {
  const notices = useLatestNotices(6);
  const items = notices.data?.items ?? [];
  return (
    <Card
      title={
        <span>
          <NotificationOutlined style={{ marginInlineEnd: 8 }} />
          最新公示
        </span>
      }
      extra={<Link to="/notices">更多</Link>}
      style={{ height: '100%' }}
      data-testid="latest-notices"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={notices.isPending ? '加载中' : '暂无公示'} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item key={n.no} style={{ paddingInline: 0 }}>
              <div>
                <NoticeKindTag kind={n.kind} label={n.kindLabel} />
                <Link to={`/notices/${n.no}`}>{n.title}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {n.areaName} · {formatDate(n.publishedAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
