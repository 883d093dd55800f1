import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { api, call } from '../../api/client';
import { SubmittedDocuments } from '../../components/SubmittedDocuments';
import { attachmentsKey } from '../applications/parts/AttachmentsPanel';
import { useRequestDocuments } from '../projects/api';
import { type RequiredDocType, useRequiredDocuments } from '../required-documents/api';

const unreadable = <Typography.Text type="secondary">当前用户的角色无权查阅上传的文件</Typography.Text>;

/** 维修项目申请审核: the documents submitted with the request beside its list of 要件 (F-60, F-62). */
export function RequestDocuments({ requestId }: { requestId: number }) {
  const docs = useRequestDocuments(requestId);
  if (docs.isError) return unreadable;
  if (!docs.data) return null;
  return (
    <SubmittedDocuments
      required={docs.data.required}
      uploads={docs.data.items.map((d) => ({ id: d.id, name: d.docName, fileId: d.fileId, fileName: d.fileName }))}
    />
  );
}

/** 业务单审核: the application's attachments (filed under the document they are) beside its list of 要件. */
export function ApplicationDocuments({ appId, type, kept }: { appId: number; type: RequiredDocType; kept: string[] | null }) {
  const list = useRequiredDocuments(kept ? undefined : type);
  const docs = useQuery({
    queryKey: attachmentsKey(appId),
    queryFn: () => call(api.GET('/api/applications/{id}/documents', { params: { path: { id: appId } } })),
  });
  const required = kept ?? list.data?.documents;
  if (docs.isError) return unreadable;
  if (!docs.data || !required) return null;
  return (
    <SubmittedDocuments
      required={required}
      uploads={docs.data.items.map((d) => ({ id: d.id, name: d.kind, fileId: d.fileId, fileName: d.fileName }))}
    />
  );
}
