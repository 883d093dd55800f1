import { Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { applicationActions } from '../applications/api';
import { AcceptDialog } from './AcceptDialog';

/** 受理: the window received the printed application form and every paper document its type requires (F-62). */
export function AcceptModal({
  app,
  onClose,
  onDone,
}: {
  app: Pick<ApplicationDetail, 'id' | 'no' | 'type' | 'typeLabel' | 'orgName' | 'requiredDocuments'>;
  onClose: () => void;
  onDone: (app: ApplicationDetail) => void;
}) {
  return (
    <AcceptDialog
      docType={app.type}
      kept={app.requiredDocuments}
      intro={
        <>
          受理 {app.orgName} 的{app.typeLabel}业务单 <Typography.Text strong>{app.no}</Typography.Text>。
        </>
      }
      submit={(note, received) => applicationActions.accept(app.id, note, received)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
