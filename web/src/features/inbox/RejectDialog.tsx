import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';

type Values = Record<string, string>;

export interface TextModalProps<T> {
  title: string;
  /** The field's name, as the server names it in its field errors (note, reason). */
  name: string;
  danger?: boolean;
  /** What the action does to which business, above the field. */
  intro: ReactNode;
  label: string;
  /** A required text (a reason) instead of an optional note with a default. */
  required?: string;
  initial?: string;
  extra?: string;
  placeholder?: string;
  rows?: number;
  submit: (text: string) => Promise<T>;
  onClose: () => void;
  onDone: (result: T) => void;
}

/** The office's one-text decisions (退回 with a reason): one field, server errors shown in place. 受理 has its checklist in AcceptDialog. */
export function TextModal<T>({
  title,
  name,
  danger,
  intro,
  label,
  required,
  initial,
  extra,
  placeholder,
  rows = 3,
  submit,
  onClose,
  onDone,
}: TextModalProps<T>) {
  const [form] = Form.useForm<Values>();
  const mutation = useFormMutation(form, (values: Values) => submit((values[name] ?? '').trim()), { onSuccess: onDone });
  return (
    <Modal
      open
      title={title}
      okText={title}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <FormErrorAlert error={mutation.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ [name]: initial ?? '' }} onFinish={mutation.onFinish}>
        <Form.Item
          name={name}
          label={label}
          extra={extra}
          rules={required ? [{ required: true, whitespace: true, message: required }] : undefined}
        >
          <Input.TextArea rows={rows} maxLength={500} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
