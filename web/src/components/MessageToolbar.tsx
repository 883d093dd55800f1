import { Button, Flex, Segmented } from 'antd';
import { useState } from 'react';

interface MessageToolbarProps {
  unreadOnly: boolean;
  /** Switches between all and unread messages (the caller goes back to the first page). */
  onUnreadOnly: (unreadOnly: boolean) => void;
  onMarkAll: () => void;
  marking: boolean;
  size?: 'small' | 'middle';
}

/** 全部 / 未读 and 全部标为已读 above a message list: the organisations' 站内消息 and the owners' 我的消息. */
export function MessageToolbar({ unreadOnly, onUnreadOnly, onMarkAll, marking, size = 'middle' }: MessageToolbarProps) {
  return (
    <Flex justify="space-between" align="center" style={{ marginBottom: size === 'small' ? 8 : 12 }} wrap gap={8}>
      <Segmented
        options={[
          { label: '全部', value: 'all' },
          { label: '未读', value: 'unread' },
        ]}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => onUnreadOnly(v === 'unread')}
      />
      <Button size={size} onClick={onMarkAll} loading={marking}>
        全部标为已读
      </Button>
    </Flex>
  );
}

/** A message list's page and its 全部 / 未读 choice; choosing goes back to the first page. */
export function useMessageFilter() {
  const [unreadOnly, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const setUnreadOnly = (v: boolean) => {
    setUnread(v);
    setPage(1);
  };
  return { unreadOnly, setUnreadOnly, page, setPage };
}
