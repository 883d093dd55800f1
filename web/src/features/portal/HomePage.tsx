import { AccountBookOutlined, LoginOutlined, SolutionOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PLATFORM_TITLE } from '../../app/theme';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { LatestNotices } from './LatestNotices';

interface EntryCardProps {
  icon: ReactNode;
  title: string;
  description: string;
  action: string;
  to: string;
}

function EntryCard({ icon, title, description, action, to }: EntryCardProps) {
  const navigate = useNavigate();
  return (
    <Card className="choice-card">
      <Flex vertical align="center" gap={12}>
        {icon}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0, minHeight: 44 }}>
          {description}
        </Typography.Paragraph>
        <Button type="primary" size="large" onClick={() => navigate(to)}>
          {action}
        </Button>
      </Flex>
    </Card>
  );
}

/** The public home page (manual §1.1 第一步: 打开平台，选择“注册”). */
export function HomePage() {
  useDocumentTitle();
  return (
    <Flex vertical gap={24}>
      <section className="portal-banner">
        <h1>欢迎访问{PLATFORM_TITLE}</h1>
        <p>
          住宅专项维修资金专项用于住宅共用部位、共用设施设备保修期满后的维修和更新、改造。业主委员会、开发建设单位在本平台注册后，即可在线申办维修资金交存、使用等业务。
        </p>
      </section>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={6}>
          <LatestNotices />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <EntryCard
            icon={<AccountBookOutlined />}
            title="维修资金查询"
            description="业主选择房屋并输入证件号码，查询应交、已交金额、余额及资金明细。"
            action="立即查询"
            to="/fund-lookup"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <EntryCard
            icon={<SolutionOutlined />}
            title="机构注册"
            description="业主委员会、开发建设单位首次使用，请先注册机构账号。"
            action="立即注册"
            to="/register"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <EntryCard
            icon={<LoginOutlined />}
            title="机构登录"
            description="已注册的机构，使用机构代码、用户名和密码登录办理业务。"
            action="立即登录"
            to="/login"
          />
        </Col>
      </Row>
    </Flex>
  );
}
