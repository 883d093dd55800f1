import { Form, Input, Modal, Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import { applicationActions } from '../applications/api';

interface RejectValues {
  reason: string;
}

/** 退回: back to the applicant for correction and resubmission; the reason is required. */
export function RejectModal({
  app,
  onClose,
  onDone,
}: {
  app: ApplicationDetail;
  onClose: () => void;
  onDone: (app: ApplicationDetail) => void;
}) {
  const [form] = Form.useForm<RejectValues>();
  const reject = useFormMutation(form, ({ reason }: RejectValues) => applicationActions.reject(app.id, reason.trim()), {
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title="退回"
      okText="退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={reject.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        退回业务单 <Typography.Text strong>{app.no}</Typography.Text>：申请单位按退回原因修改后可重新提交。
      </Typography.Paragraph>
      <FormErrorAlert error={reject.error} />
      <Form<RejectValues> form={form} layout="vertical" onFinish={reject.onFinish}>
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="说明需要修改的内容" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
