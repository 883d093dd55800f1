import { Form, Input } from 'antd';

/** 确认密码: must repeat the field named `passwordField`. */
export function ConfirmPasswordField({ passwordField, label = '确认密码' }: { passwordField: string; label?: string }) {
  return (
    <Form.Item
      name="confirmPassword"
      label={label}
      dependencies={[passwordField]}
      rules={[
        { required: true, message: '请再次输入密码' },
        ({ getFieldValue }) => ({
          validator: (_, value?: string) =>
            !value || value === getFieldValue(passwordField) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
