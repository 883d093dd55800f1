import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { MessageBell } from '../features/messages/MessageBell';
import { PageSuspense } from './lazyPage';
import { menuGroupKeys, menuItems, selectedMenuKey } from './menus';
import { useIdleSessionCheck } from './SessionWatch';
import { useCurrentSession, useLogout } from './session';
import { PLATFORM_TITLE } from './theme';

const { Header, Sider, Content } = Layout;

/** The logged-in frame: platform title, organisation and user on top; the role's menus on the left. */
export function WorkspaceLayout() {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useLogout();
  const selected = selectedMenuKey(session, pathname);
  useIdleSessionCheck(session.idleTimeoutSeconds);

  const onLogout = () => logout.mutate();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {PLATFORM_TITLE}
        </Typography.Text>
        <Flex align="center" gap={16} style={{ color: 'rgba(255,255,255,0.92)', minWidth: 0 }}>
          <Space size={6} style={{ minWidth: 0 }} data-testid="header-org">
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {session.org.typeLabel}
            </Tag>
            <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{session.org.name}</span>
          </Space>
          <Space size={6} data-testid="header-user">
            <UserOutlined />
            <span style={{ whiteSpace: 'nowrap' }}>
              {session.user.name}（{session.user.roleLabels.join('、')}）
            </span>
          </Space>
          {session.org.type !== 'office' && <MessageBell />}
          <Button type="text" icon={<KeyOutlined />} style={{ color: '#fff' }} onClick={() => navigate('/account/password')}>
            修改密码
          </Button>
          <Button type="text" icon={<LogoutOutlined />} style={{ color: '#fff' }} loading={logout.isPending} onClick={onLogout}>
            退出
          </Button>
        </Flex>
      </Header>
      <Layout>
        <Sider width={220} breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #e8ebf0' }}>
          <Menu
            mode="inline"
            items={menuItems(session)}
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={menuGroupKeys(session)}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Sider>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </Content>
      </Layout>
    </Layout>
  );
}
