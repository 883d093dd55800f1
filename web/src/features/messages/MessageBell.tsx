import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './api';

/** The header's 站内消息 button: the unread count on a bell, opening the message list. */
export function MessageBell() {
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? `站内消息，${unread.data?.capped ? '99 条以上' : `${count} 条`}未读` : '站内消息';
  return (
    <Button type="text" aria-label={label} style={{ color: '#fff' }} onClick={() => navigate('/messages')} data-testid="header-messages">
      <Badge count={count} overflowCount={99} size="small" offset={[4, -2]}>
        <BellOutlined style={{ color: '#fff', fontSize: 16 }} />
      </Badge>
      <span style={{ marginInlineStart: 6 }}>消息</span>
    </Button>
  );
}
