import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { api, call } from '../../api/client';
import type { ApplicationDetail } from '../../api/types';
import type { SubmittedUpload } from '../../components/SubmittedDocuments';
import { applicationActions } from '../applications/api';
import { attachmentsKey } from '../applications/parts/AttachmentsPanel';
import type { ProjectDetail, ProjectRequest } from '../project-print/api';
import { useRequestDocuments } from '../projects/api';
import { projectDocType, type RequiredDocType } from '../required-documents/api';
import { AcceptDialog } from './AcceptDialog';
import { projectRequestActions, reviewable } from './projectRequestApi';
import { RejectDialog } from './RejectDialog';

/**
 * F-60: what 受理 and 退回 need of whatever the office reviews — how the messages name it, the list
 * of 要件 the window checks (F-62) with the applicant's uploads beside it, the words of each dialog,
 * and the kind's own submit. `T` is what the kind's server answers a step with.
 */
export interface ReviewSteps<T> {
  /** How a success message names it: 业务单 YW…, 立项申请 SQ… */
  name: string;
  accept: {
    intro: ReactNode;
    docType: RequiredDocType;
    /** The list kept with the request at its submission; null for one submitted before lists were kept. */
    kept: string[] | null;
    /** Undefined while read, null when the role may not read uploads. */
    uploads: readonly SubmittedUpload[] | null | undefined;
    submit: (note: string, received: string[]) => Promise<T>;
  };
  reject: { intro: ReactNode; placeholder: string; submit: (reason: string) => Promise<T> };
}

interface StepProps<T> {
  steps: ReviewSteps<T>;
  onClose: () => void;
  onDone: (result: T) => void;
}

/** 受理 at the window, for either kind: the kind's checklist and uploads, its submit. */
export function AcceptModal<T>({ steps, onClose, onDone }: StepProps<T>) {
  return <AcceptDialog {...steps.accept} onClose={onClose} onDone={onDone} />;
}

/** 退回 to the applicant with the reason, for either kind. */
export function RejectModal<T>({ steps, onClose, onDone }: StepProps<T>) {
  return <RejectDialog {...steps.reject} onClose={onClose} onDone={onDone} />;
}

type ReviewedApplication = Pick<ApplicationDetail, 'id' | 'no' | 'type' | 'typeLabel' | 'orgName' | 'requiredDocuments'>;

/** A registry application's steps; its attachments are filed under the document they are (their kind). */
export function useApplicationSteps(app: ReviewedApplication): ReviewSteps<ApplicationDetail> {
  const docs = useQuery({
    queryKey: attachmentsKey(app.id),
    queryFn: () => call(api.GET('/api/applications/{id}/documents', { params: { path: { id: app.id } } })),
  });
  return {
    name: `业务单 ${app.no}`,
    accept: {
      intro: (
        <>
          受理 {app.orgName} 的{app.typeLabel}业务单 <Typography.Text strong>{app.no}</Typography.Text>。
        </>
      ),
      docType: app.type,
      kept: app.requiredDocuments,
      uploads: docs.isError ? null : docs.data?.items.map((d) => ({ id: d.id, name: d.kind, fileId: d.fileId, fileName: d.fileName })),
      submit: (note, received) => applicationActions.accept(app.id, note, received),
    },
    reject: {
      intro: (
        <>
          退回业务单 <Typography.Text strong>{app.no}</Typography.Text>：申请单位按退回原因修改后可重新提交。
        </>
      ),
      placeholder: '说明需要修改的内容',
      submit: (reason) => applicationActions.reject(app.id, reason),
    },
  };
}

/** A repair project's 立项申请 or 资金拨付申请: the documents submitted with it, tagged with the 要件 they prove. */
export function useProjectRequestSteps(r: ProjectRequest, projectType: ProjectDetail['type']): ReviewSteps<unknown> {
  // A refund notice is paid at the bank, not reviewed: it has no documents to read.
  const docs = useRequestDocuments(reviewable(r.kind) ? r.id : undefined);
  return {
    name: `${r.kindLabel} ${r.no}`,
    accept: {
      intro: (
        <>
          受理{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>。
        </>
      ),
      docType: projectDocType(r.kind === 'disbursement' ? 'disbursement' : 'approval', projectType),
      kept: r.requiredDocuments,
      uploads: docs.isError ? null : docs.data?.items.map((d) => ({ id: d.id, name: d.docName, fileId: d.fileId, fileName: d.fileName })),
      submit: (note, received) => projectRequestActions.accept(r.id, note, received),
    },
    reject: {
      intro: (
        <>
          退回{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>：
          {r.kind === 'approval' ? '项目回到编辑状态，业主委员会修改后可重新提交。' : '本次申请的金额不再占用该期拨付计划。'}
        </>
      ),
      placeholder: '说明需要补正的内容',
      submit: (reason) => projectRequestActions.reject(r.id, reason),
    },
  };
}
