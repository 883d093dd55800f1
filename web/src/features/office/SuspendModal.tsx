import { Form, Input, Modal, Typography } from 'antd';
import type { OfficeOrgDetail } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import { organisationActions } from './api';

interface SuspendValues {
  reason: string;
}

/** 暂停使用: the organisation's users are logged out at once and cannot log in until 恢复使用. */
export function SuspendModal({
  org,
  onClose,
  onDone,
}: {
  org: OfficeOrgDetail;
  onClose: () => void;
  onDone: (org: OfficeOrgDetail) => void;
}) {
  const [form] = Form.useForm<SuspendValues>();
  const suspend = useFormMutation(form, ({ reason }: SuspendValues) => organisationActions.suspend(org.id, reason), { onSuccess: onDone });
  return (
    <Modal
      open
      title="暂停使用"
      okText="确定"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={suspend.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        暂停 <Typography.Text strong>{org.name}</Typography.Text> 的使用后，该机构的用户立即退出登录，且在恢复使用前不能登录。
      </Typography.Paragraph>
      <FormErrorAlert error={suspend.error} />
      <Form<SuspendValues> form={form} layout="vertical" onFinish={suspend.onFinish}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写暂停原因' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="该原因会在该机构用户登录时显示" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
