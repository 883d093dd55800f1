import { Typography } from 'antd';
import type { ProjectRequest } from '../project-print/api';
import { projectRequestActions } from './projectRequestApi';
import { TextModal } from './TextModal';

interface ModalProps {
  r: ProjectRequest;
  onClose: () => void;
  onDone: () => void;
}

/** 受理: the window received the printed form and the paper documents. */
export function AcceptProjectRequestModal({ r, onClose, onDone }: ModalProps) {
  return (
    <TextModal
      title="受理"
      name="note"
      intro={
        <>
          受理{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>。
        </>
      }
      label="受理备注"
      initial="已收到申请单及纸质材料"
      extra="记录收到的申请单和纸质材料"
      submit={(note) => projectRequestActions.accept(r.id, note)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/** 退回: back to the committee with the reason; a returned approval makes the project editable again. */
export function RejectProjectRequestModal({ r, onClose, onDone }: ModalProps) {
  return (
    <TextModal
      title="退回"
      name="reason"
      danger
      intro={
        <>
          退回{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>：
          {r.kind === 'approval' ? '项目回到编辑状态，业主委员会修改后可重新提交。' : '本次申请的金额不再占用该期拨付计划。'}
        </>
      }
      label="退回原因"
      required="请填写退回原因"
      placeholder="说明需要补正的内容"
      rows={4}
      submit={(reason) => projectRequestActions.reject(r.id, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
