import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';

interface Values {
  reason: string;
}

export interface RejectDialogProps<T> {
  /** What goes back to whom, and what follows, above the field. */
  intro: ReactNode;
  /** What the reason should say. */
  placeholder: string;
  submit: (reason: string) => Promise<T>;
  onClose: () => void;
  onDone: (result: T) => void;
}

/**
 * 退回 (F-60), for registry applications and project requests alike: the reason is required and
 * goes back to the applicant; the server's refusals show in place.
 */
export function RejectDialog<T>({ intro, placeholder, submit, onClose, onDone }: RejectDialogProps<T>) {
  const [form] = Form.useForm<Values>();
  const mutation = useFormMutation(form, (values: Values) => submit((values.reason ?? '').trim()), { onSuccess: onDone });
  return (
    <Modal
      open
      title="退回"
      okText="退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <FormErrorAlert error={mutation.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={mutation.onFinish}>
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
