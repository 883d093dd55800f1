import { Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { applicationActions } from '../applications/api';
import { RejectDialog } from './RejectDialog';

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
  return (
    <RejectDialog
      intro={
        <>
          退回业务单 <Typography.Text strong>{app.no}</Typography.Text>：申请单位按退回原因修改后可重新提交。
        </>
      }
      placeholder="说明需要修改的内容"
      submit={(reason) => applicationActions.reject(app.id, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
