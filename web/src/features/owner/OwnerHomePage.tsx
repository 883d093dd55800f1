import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Typography } from 'antd';
import { Link } from 'react-router';
import { useOwnerHouses, useOwnerMessages } from './api';
import { HouseFigures } from './HouseFigures';
import { MessageList } from './OwnerMessagesPage';
import { OwnerShell } from './OwnerShell';
import { OwnerVoteSection } from '../owner-vote/OwnerVoteSection';

/** 我的房屋 (F-80/F-81): the houses bound to the owner with their money, the votes open to them (F-82) and the newest messages (F-83). */
export function OwnerHomePage() {
  return <OwnerShell title="我的房屋">{() => <OwnerHome />}</OwnerShell>;
}

function OwnerHome() {
  const houses = useOwnerHouses(true);
  const messages = useOwnerMessages(1, 3, false);
  return (
    <Flex vertical gap={12}>
      <Card title="我的房屋" size="small">
        <List
          loading={houses.isPending}
          dataSource={houses.data?.items ?? []}
          locale={{ emptyText: '暂无绑定的房屋' }}
          renderItem={(h) => (
            <List.Item data-testid="owner-house">
              <Flex vertical gap={8} style={{ width: '100%' }}>
                <Link to={`/owner/houses/${h.id}`}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text strong>{`${h.area} ${h.building}${h.unit}${h.room}`}</Typography.Text>
                    <RightOutlined />
                  </Flex>
                </Link>
                <Typography.Text type="secondary">{h.address}</Typography.Text>
                <HouseFigures h={h} />
                <Link to={`/owner/houses/${h.id}`}>
                  <Button block>分户账明细与维修项目</Button>
                </Link>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <OwnerVoteSection enabled />
      <Card title="最新消息" size="small" extra={<Link to="/owner/messages">全部消息</Link>}>
        <MessageList query={messages} compact />
      </Card>
    </Flex>
  );
}
