import { App, Form, Input, Modal, Typography } from 'antd';
import type { OrgUser } from '../../api/types';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import { usePasswordRule } from '../registration/api';
import { userActions } from './api';

interface ResetValues {
  password: string;
  confirmPassword: string;
}

/** 重置密码: for a user who forgot it or locked the account; the lock is lifted too. */
export function ResetPasswordModal({ user, onClose, onSaved }: { user: OrgUser; onClose: () => void; onSaved: (user: OrgUser) => void }) {
  const [form] = Form.useForm<ResetValues>();
  const { message } = App.useApp();
  const passwordRule = usePasswordRule();
  const reset = useFormMutation(form, ({ password }: ResetValues) => userActions.resetPassword(user.id, password), {
    onSuccess: (saved) => {
      message.success(`用户 ${saved.username} 的密码已重置`);
      onSaved(saved);
    },
  });
  return (
    <Modal
      open
      title="重置密码"
      okText="重置"
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        为用户{' '}
        <Typography.Text strong>
          {user.username}（{user.name}）
        </Typography.Text>{' '}
        设置新密码，重置后该用户的锁定同时解除。
      </Typography.Paragraph>
      <FormErrorAlert error={reset.error} />
      <Form<ResetValues> form={form} layout="vertical" onFinish={reset.onFinish}>
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请填写新密码' }]} extra={passwordRule}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ConfirmPasswordField passwordField="password" label="确认新密码" />
      </Form>
    </Modal>
  );
}
