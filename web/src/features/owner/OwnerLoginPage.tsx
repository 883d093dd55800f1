import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, call, setCsrfToken } from '../../api/client';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorMessage } from '../../lib/serverErrors';
import { OWNER_SESSION } from './api';

interface LoginValues {
  idNumber: string;
  password: string;
}

/** 业主登录 (F-80): ID number + password. */
export function OwnerLoginPage() {
  useDocumentTitle('业主登录');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (v: LoginValues) => call(api.POST('/api/owner/login', { body: { idNumber: v.idNumber.trim(), password: v.password } })),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      queryClient.setQueryData(OWNER_SESSION, s);
      navigate('/owner');
    },
  });
  return (
    <Row justify="center">
      <Col xs={24} md={12} lg={8}>
        <Card title="业主登录" data-testid="owner-login">
          <Form<LoginValues> layout="vertical" onFinish={(v) => login.mutate(v)}>
            <Form.Item label="证件号码" name="idNumber" rules={[{ required: true, whitespace: true, message: '请输入证件号码' }]}>
              <Input maxLength={30} autoComplete="username" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password maxLength={128} autoComplete="current-password" />
            </Form.Item>
            {login.isError && <Alert type="error" showIcon role="alert" title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={login.isPending} block>
              登录
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 16 }}>
            首次使用？凭《业主告知书》<Link to="/owner/bind">绑定身份</Link>
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
