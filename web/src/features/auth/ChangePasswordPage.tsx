import { App, Button, Form, Input } from 'antd';
import { api, call } from '../../api/client';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Page } from '../../components/Page';
import { useFormMutation } from '../../lib/useFormMutation';
import { usePasswordRule } from '../registration/api';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: other devices logged in with the old password are signed out; this one stays. */
export function ChangePasswordPage() {
  const [form] = Form.useForm<PasswordValues>();
  const { message } = App.useApp();
  const passwordRule = usePasswordRule();
  const change = useFormMutation(
    form,
    ({ oldPassword, newPassword }: PasswordValues) => call(api.POST('/api/auth/password', { body: { oldPassword, newPassword } })),
    {
      onSuccess: () => {
        form.resetFields();
        message.success('密码已修改，其他设备上的登录已退出');
      },
    },
  );
  return (
    <Page title="修改密码">
      <div style={{ maxWidth: 480 }}>
        <FormErrorAlert error={change.error} />
        <Form<PasswordValues> form={form} layout="vertical" onFinish={change.onFinish}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请填写原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请填写新密码' }]} extra={passwordRule}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <ConfirmPasswordField passwordField="newPassword" label="确认新密码" />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
        </Form>
      </div>
    </Page>
  );
}
