import { Layout, Typography } from 'antd';
import { NavLink, Outlet } from 'react-router';
import { PageSuspense } from './lazyPage';
import { PLATFORM_TITLE } from './theme';
import './public.css';

const { Header, Content, Footer } = Layout;

/** The public portal: anyone may read it; 注册 and 登录 start here. */
export function PublicLayout() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="portal-header">
        <NavLink to="/" className="portal-brand">
          <span className="portal-emblem" aria-hidden>
            维
          </span>
          {PLATFORM_TITLE}
        </NavLink>
        <nav className="portal-nav" aria-label="主导航">
          <NavLink to="/" end>
            首页
          </NavLink>
          <NavLink to="/notices">公示公告</NavLink>
          <NavLink to="/projects">维修项目</NavLink>
          <NavLink to="/fund-lookup">维修资金查询</NavLink>
          <NavLink to="/owner">业主服务</NavLink>
          <NavLink to="/register">注册</NavLink>
          <NavLink to="/login">登录</NavLink>
        </nav>
      </Header>
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
