import { Button, Flex, Form, Modal } from 'antd';
import type { RefundAccount } from '../forms';
import { RefundAccountFields } from './RefundAccountFields';

/** 退款账户 of one house (R-13: its remaining balance is refunded there when the cancellation is approved). */
export function RefundAccountModal({
  title,
  value,
  onOk,
  onClose,
}: {
  title: string;
  value: RefundAccount | null;
  onOk: (account: RefundAccount | null) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ account: RefundAccount }>();
  return (
    <Modal
      open
      title={`退款账户：${title}`}
      width={760}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between">
          <Button danger disabled={!value} onClick={() => onOk(null)}>
            清除退款账户
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" onClick={() => form.submit()}>
              确定
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ account: value ?? undefined }} onFinish={(v) => onOk(v.account)}>
        <RefundAccountFields prefix={['account']} />
      </Form>
    </Modal>
  );
}
