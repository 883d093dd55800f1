import { ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { RegistrationSteps } from './RegistrationSteps';

function TypeChoice({ icon, text, description, to }: { icon: ReactNode; text: string; description: string; to: string }) {
  const navigate = useNavigate();
  return (
    <Card
      hoverable
      className="choice-card"
      role="button"
      tabIndex={0}
      aria-label={text}
      onClick={() => navigate(to)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && navigate(to)}
    >
      <Flex vertical align="center" gap={12} style={{ padding: '16px 0' }}>
        {icon}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {text}
        </Typography.Title>
        <Typography.Text type="secondary">{description}</Typography.Text>
      </Flex>
    </Card>
  );
}

/** Manual §1.1 第二步: choose the kind of organisation to register. */
export function ChooseTypePage() {
  useDocumentTitle('注册');
  return (
    <Card>
      <RegistrationSteps current={0} />
      <Row gutter={[24, 24]}>
        <Col xs={24} md={12}>
          <TypeChoice
            icon={<TeamOutlined />}
            text="业主委员会注册"
            description="业主委员会注册后可管理本物业区域的维修项目"
            to="/register/committee"
          />
        </Col>
        <Col xs={24} md={12}>
          <TypeChoice
            icon={<ShopOutlined />}
            text="开发建设单位注册"
            description="开发建设单位注册后可办理物业区域采集、交存维修资金等业务"
            to="/register/developer"
          />
        </Col>
      </Row>
    </Card>
  );
}
