import { Badge, Button, Card, Empty, Flex, List, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/dates';
import { aheadPagination } from '../../lib/paging';
import { useMarkAllRead, useMarkRead, useMessages } from './api';

const PAGE_SIZE = 20;

/** 站内消息: what the fund office and the bank did to this organisation's business, newest first. */
export function MessagesPage() {
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
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
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
          <Segmented
            options={[
              { label: '全部', value: 'all' },
              { label: '未读', value: 'unread' },
            ]}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
          />
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
            全部标为已读
          </Button>
        </Flex>
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
