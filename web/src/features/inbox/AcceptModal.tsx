import { Typography } from 'antd';
import type { ApplicationDetail } from '../../api/types';
import { applicationActions } from '../applications/api';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { attachmentsKey } from '../applications/parts/AttachmentsPanel';
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
  // A registry application's attachments are filed under the document they are (their kind).
  const docs = useQuery({
    queryKey: attachmentsKey(app.id),
    queryFn: () => call(api.GET('/api/applications/{id}/documents', { params: { path: { id: app.id } } })),
  });
  return (
    <AcceptDialog
      uploads={docs.isError ? null : docs.data?.items.map((d) => ({ id: d.id, name: d.kind, fileId: d.fileId, fileName: d.fileName }))}
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
