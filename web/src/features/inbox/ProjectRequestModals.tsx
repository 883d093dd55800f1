import { Typography } from 'antd';
import type { ProjectDetail, ProjectRequest } from '../project-print/api';
import { projectDocType } from '../required-documents/api';
import { useRequestDocuments } from '../projects/api';
import { AcceptDialog } from './AcceptDialog';
import { projectRequestActions } from './projectRequestApi';
import { RejectDialog } from './RejectDialog';

type ProjectType = ProjectDetail['type'];

interface ModalProps {
  r: ProjectRequest;
  onClose: () => void;
  onDone: () => void;
}

/** 受理: the window received the printed form and every paper document F-62 requires for the request. */
export function AcceptProjectRequestModal({ r, projectType, onClose, onDone }: ModalProps & { projectType: ProjectType }) {
  const docs = useRequestDocuments(r.id);
  return (
    <AcceptDialog
      uploads={docs.isError ? null : docs.data?.items.map((d) => ({ id: d.id, name: d.docName, fileId: d.fileId, fileName: d.fileName }))}
      docType={projectDocType(r.kind === 'disbursement' ? 'disbursement' : 'approval', projectType)}
      kept={r.requiredDocuments}
      intro={
        <>
          受理{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>。
        </>
      }
      submit={(note, received) => projectRequestActions.accept(r.id, note, received)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/** 退回: back to the committee with the reason; a returned approval makes the project editable again. */
export function RejectProjectRequestModal({ r, onClose, onDone }: ModalProps) {
  return (
    <RejectDialog
      intro={
        <>
          退回{r.kindLabel} <Typography.Text strong>{r.no}</Typography.Text>：
          {r.kind === 'approval' ? '项目回到编辑状态，业主委员会修改后可重新提交。' : '本次申请的金额不再占用该期拨付计划。'}
        </>
      }
      placeholder="说明需要补正的内容"
      submit={(reason) => projectRequestActions.reject(r.id, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
