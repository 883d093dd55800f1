import { Form, Input, Modal, Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import { applicationActions } from '../applications/api';

interface AcceptValues {
  note: string;
}

/** 受理: the window received the printed application form and the paper documents. */
export function AcceptModal({
  app,
  onClose,
  onDone,
}: {
  app: { id: number; no: string; typeLabel: string; orgName: string };
  onClose: () => void;
  onDone: (app: ApplicationDetail) => void;
}) {
  const [form] = Form.useForm<AcceptValues>();
  const accept = useFormMutation(form, ({ note }: AcceptValues) => applicationActions.accept(app.id, note.trim()), { onSuccess: onDone });
  return (
    <Modal
      open
      title="受理"
      okText="受理"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={accept.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        受理 {app.orgName} 的{app.typeLabel}业务单 <Typography.Text strong>{app.no}</Typography.Text>。
      </Typography.Paragraph>
      <FormErrorAlert error={accept.error} />
      <Form<AcceptValues> form={form} layout="vertical" initialValues={{ note: '已收到纸质材料' }} onFinish={accept.onFinish}>
        <Form.Item name="note" label="受理备注" extra="记录收到的申请表和纸质材料">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
