import { Badge, Button, Card, Empty, Flex, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { aheadPagination } from '../../lib/paging';
import { MessageToolbar, useMessageFilter } from '../../components/MessageToolbar';
import { useMarkAllRead, useMarkRead, useMessages } from './api';

const PAGE_SIZE = 20;

/** 站内消息: what the fund office and the bank did to this organisation's business, newest first. */
export function MessagesPage() {
  const navigate = useNavigate();
  const { unreadOnly, setUnreadOnly, page, setPage } = useMessageFilter();
  const list = useMessages(page, PAGE_SIZE, unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = async (m: { id: number; read: boolean; link: string | null }) => {
    if (!m.read) await markRead.mutateAsync(m.id);
    if (m.link) navigate(m.link);
  };

  return (
    <Page title="站内消息">
      <Card>
        <MessageToolbar
          unreadOnly={unreadOnly}
          onUnreadOnly={setUnreadOnly}
          onMarkAll={() => markAll.mutate()}
          marking={markAll.isPending}
        />
        {list.data ? (
          <List
            dataSource={list.data.items}
            locale={{ emptyText: <Empty description={unreadOnly ? '没有未读消息' : '暂无消息'} /> }}
            pagination={aheadPagination(page, PAGE_SIZE, list.data, setPage)}
            renderItem={(m) => (
              <List.Item
                key={m.id}
                data-testid="message-item"
                actions={[
                  m.link ? (
                    <Button key="open" type="link" onClick={() => void open(m)}>
                      查看
                    </Button>
                  ) : null,
                  !m.read ? (
                    <Button key="read" type="link" onClick={() => markRead.mutate(m.id)}>
                      标为已读
                    </Button>
                  ) : null,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center">
                      {!m.read && <Badge status="processing" aria-label="未读" />}
                      <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
                    </Flex>
                  }
                  description={
                    <>
                      {m.body && <div>{m.body}</div>}
                      <Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <LoadingOrError query={list} />
        )}
      </Card>
    </Page>
  );
}
