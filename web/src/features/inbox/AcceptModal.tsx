import { Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { applicationActions } from '../applications/api';
import { TextModal } from './TextModal';

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
  return (
    <TextModal
      title="受理"
      name="note"
      intro={
        <>
          受理 {app.orgName} 的{app.typeLabel}业务单 <Typography.Text strong>{app.no}</Typography.Text>。
        </>
      }
      label="受理备注"
      initial="已收到纸质材料"
      extra="记录收到的申请表和纸质材料"
      submit={(note) => applicationActions.accept(app.id, note)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
