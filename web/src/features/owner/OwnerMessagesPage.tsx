import { Badge, Card, Empty, Flex, List, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { LoadingOrError } from '../../components/LoadingOrError';
import { formatDateTime } from '../../lib/dates';
import { aheadPagination } from '../../lib/paging';
import { type OwnerMessage, useMarkAllOwnerMessagesRead, useMarkOwnerMessageRead, useOwnerMessages } from './api';
import { MessageToolbar, useMessageFilter } from '../../components/MessageToolbar';
import { OwnerShell } from './OwnerShell';

const PAGE_SIZE = 20;

/** 业主消息 (F-83): notices of projects charging the owner's houses, and money moving on their accounts. */
export function OwnerMessagesPage() {
  return <OwnerShell title="我的消息">{() => <OwnerMessages />}</OwnerShell>;
}

function OwnerMessages() {
  const { unreadOnly, setUnreadOnly, page, setPage } = useMessageFilter();
  const list = useOwnerMessages(page, PAGE_SIZE, unreadOnly);
  const markAll = useMarkAllOwnerMessagesRead();
  return (
    <Card title="我的消息" size="small">
      <MessageToolbar
        size="small"
        unreadOnly={unreadOnly}
        onUnreadOnly={setUnreadOnly}
        onMarkAll={() => markAll.mutate()}
        marking={markAll.isPending}
      />
      <MessageList query={list} page={page} onPage={setPage} emptyText={unreadOnly ? '没有未读消息' : '暂无消息'} />
    </Card>
  );
}

interface MessageListProps {
  query: ReturnType<typeof useOwnerMessages>;
  page?: number;
  onPage?: (page: number) => void;
  compact?: boolean;
  emptyText?: string;
}

/** The owner's messages; opening one marks it read and goes to its page (the house, or the public notice). */
export function MessageList({ query, page = 1, onPage, compact = false, emptyText = '暂无消息' }: MessageListProps) {
  const navigate = useNavigate();
  const markRead = useMarkOwnerMessageRead();
  const open = async (m: OwnerMessage) => {
    if (!m.read) await markRead.mutateAsync(m.id);
    if (m.link) navigate(m.link);
  };
  if (!query.data) return <LoadingOrError query={query} />;
  const data = query.data;
  return (
    <List
      dataSource={data.items}
      locale={{ emptyText: <Empty description={emptyText} /> }}
      pagination={onPage ? aheadPagination(page, PAGE_SIZE, data, onPage, 'small') : false}
      renderItem={(m) => (
        <List.Item key={m.id} data-testid="owner-message" style={{ cursor: m.link ? 'pointer' : undefined }} onClick={() => void open(m)}>
          <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
            <Flex gap={6} align="center">
              {!m.read && <Badge status="processing" aria-label="未读" />}
              <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
            </Flex>
            {!compact && m.body && <Typography.Text>{m.body}</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(m.createdAt)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
