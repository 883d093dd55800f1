import { Form, Input, Modal, Typography } from 'antd';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import type { ProjectRequest } from '../project-print/api';
import { projectRequestActions } from './projectRequestApi';

interface ModalProps {
  r: ProjectRequest;
  onClose: () => void;
  onDone: () => void;
}

/** 受理: the window received the printed form and the paper documents. */
export function AcceptProjectRequestModal({ r, onClose, onDone }: ModalProps) {
  const [form] = Form.useForm<{ note: string }>();
  const accept = useFormMutation(form, ({ note }: { note: string }) => projectRequestActions.accept(r.id, note.trim()), {
    onSuccess: onDone,
  });
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
        受理{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>。
      </Typography.Paragraph>
      <FormErrorAlert error={accept.error} />
      <Form form={form} layout="vertical" initialValues={{ note: '已收到申请单及纸质材料' }} onFinish={accept.onFinish}>
        <Form.Item name="note" label="受理备注" extra="记录收到的申请单和纸质材料">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回: back to the committee with the reason; a returned approval makes the project editable again. */
export function RejectProjectRequestModal({ r, onClose, onDone }: ModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useFormMutation(form, ({ reason }: { reason: string }) => projectRequestActions.reject(r.id, reason.trim()), {
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
        退回{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>：
        {r.kind === 'approval' ? '项目回到编辑状态，业主委员会修改后可重新提交。' : '本次申请的金额不再占用该期拨付计划。'}
      </Typography.Paragraph>
      <FormErrorAlert error={reject.error} />
      <Form form={form} layout="vertical" onFinish={reject.onFinish}>
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="说明需要补正的内容" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
