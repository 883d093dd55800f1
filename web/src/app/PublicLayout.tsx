import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Typography } from 'antd';
import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { PageSuspense } from './lazyPage';
import { PLATFORM_TITLE } from './theme';
import './public.css';

const { Header, Content, Footer } = Layout;

const NAV: { to: string; label: string; end?: boolean }[] = [
  { to: '/', label: '首页', end: true },
  { to: '/notices', label: '公示公告' },
  { to: '/projects', label: '维修项目' },
  { to: '/fund-lookup', label: '维修资金查询' },
  { to: '/owner', label: '业主服务' },
  { to: '/register', label: '注册' },
  { to: '/login', label: '登录' },
];

function NavLinks({ onPick }: { onPick?: () => void }) {
  return NAV.map((n) => (
    <NavLink key={n.to} to={n.to} end={n.end} onClick={onPick}>
      {n.label}
    </NavLink>
  ));
}

/**
 * The public portal: anyone may read it; 注册 and 登录 start here. On a phone the navigation folds
 * into a 菜单 button, so the header never makes the page wider than the screen.
 */
export function PublicLayout() {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const current = NAV.filter((n) => (n.end ? pathname === n.to : pathname.startsWith(n.to))).at(-1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="portal-header">
        <NavLink to="/" className="portal-brand" aria-label={PLATFORM_TITLE}>
          <span className="portal-emblem" aria-hidden>
            维
          </span>
          <span className="portal-title">{PLATFORM_TITLE}</span>
        </NavLink>
        <nav className="portal-nav" aria-label="主导航">
          <NavLinks />
        </nav>
        <Button
          className="portal-menu-button"
          type="text"
          icon={<MenuOutlined />}
          aria-label="菜单"
          aria-expanded={open}
          onClick={() => setOpen(true)}
        >
          {current?.label ?? '菜单'}
        </Button>
      </Header>
      <Drawer title={PLATFORM_TITLE} placement="right" size={260} open={open} onClose={() => setOpen(false)} className="portal-drawer">
        <nav className="portal-drawer-nav" aria-label="手机导航">
          <NavLinks onPick={() => setOpen(false)} />
        </nav>
      </Drawer>
      <Content className="portal-content">
        <PageSuspense>
          <Outlet />
        </PageSuspense>
      </Content>
      <Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary">{PLATFORM_TITLE}</Typography.Text>
      </Footer>
    </Layout>
  );
}
