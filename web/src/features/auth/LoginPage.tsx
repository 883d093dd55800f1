import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography, theme } from 'antd';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { ReactNode } from 'react';
import type { LoginRedirectState } from '../../app/SessionWatch';
import { useLogin, useLoginNotice } from '../../app/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormErrorAlert } from '../../components/FormErrorAlert';

interface LoginValues {
  orgCode: string;
  username: string;
  password: string;
}

/** Only paths inside this site are followed after login. */
function safeNext(path: string | null | undefined): string | undefined {
  return path?.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login') ? path : undefined;
}

/** 登录: 机构代码 + 用户名 + 密码 (the organisation code is the account; manual §1.2 第一步). */
export function LoginPage() {
  useDocumentTitle('登录');
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  const redirect = (location.state ?? {}) as LoginRedirectState;
  const notice = useLoginNotice();
  const next = safeNext(params.get('next'));

  /** Back to the page the user was sent away from — unless someone else is logging in now. */
  const returnTo = (values: LoginValues) => {
    const sameAccount =
      !notice?.orgCode || (notice.orgCode === values.orgCode.trim().toUpperCase() && notice.username === values.username.trim());
    return next ?? (sameAccount ? safeNext(redirect.from) : undefined) ?? '/workspace';
  };

  const onFinish = (values: LoginValues) => login.mutate(values, { onSuccess: () => navigate(returnTo(values), { replace: true }) });

  return (
    <Flex justify="center" style={{ padding: '24px 0' }}>
      <LoginCard>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          机构登录
        </Typography.Title>
        {notice && !login.error && <Alert type="warning" showIcon title={notice.message} style={{ marginBottom: 16 }} />}
        {next === '/print/registration' && !login.error && (
          <Alert type="info" showIcon title="登录后将打开机构注册登记表" style={{ marginBottom: 16 }} />
        )}
        <FormErrorAlert error={login.error} />
        <Form<LoginValues>
          layout="vertical"
          size="large"
          initialValues={{
            orgCode: params.get('orgCode') ?? notice?.orgCode ?? '',
            username: params.get('username') ?? notice?.username ?? '',
          }}
          onFinish={onFinish}
          requiredMark={false}
        >
          <Form.Item name="orgCode" label="机构代码" rules={[{ required: true, whitespace: true, message: '请填写机构代码' }]}>
            <Input prefix={<SafetyCertificateOutlined />} autoComplete="organization" />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          尚未注册？<Link to="/register">机构注册</Link>
        </Typography.Paragraph>
      </LoginCard>
    </Flex>
  );
}

/**
 * The login form's box, drawn like antd's Card: the Card component brings its tabs along, which the
 * first page a person opens would download for nothing.
 */
function LoginCard({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        width: 420,
        padding: token.paddingLG,
        background: token.colorBgContainer,
        border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
      }}
    >
      {children}
    </div>
  );
}
