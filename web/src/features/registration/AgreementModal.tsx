import { Button, Modal, Typography } from 'antd';

interface AgreementModalProps {
  open: boolean;
  text: string;
  onClose: () => void;
  onAccept: () => void;
}

/** The full 机构注册协议, to be read before submitting (manual §1.1: 提交前请先阅读机构注册协议). */
export function AgreementModal({ open, text, onClose, onAccept }: AgreementModalProps) {
  const [title, ...body] = text.split('\n');
  return (
    <Modal
      open={open}
      title={title}
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          返回
        </Button>,
        <Button key="accept" type="primary" onClick={onAccept}>
          我已阅读并同意
        </Button>,
      ]}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', lineHeight: 2, margin: 0 }}>{body.join('\n').trim()}</Typography.Paragraph>
    </Modal>
  );
}
