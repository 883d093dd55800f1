import { lazyPage } from '../../app/lazyPage';

const ApprovalFormPrint = lazyPage(() => import('./ApprovalFormPrint'), 'ApprovalFormPrint');
const DisbursementFormPrint = lazyPage(() => import('./DisbursementFormPrint'), 'DisbursementFormPrint');
const ProjectNoticePrint = lazyPage(() => import('./ProjectNoticePrint'), 'ProjectNoticePrint');
const PublicNoticePrint = lazyPage(() => import('./ProjectNoticePrint'), 'PublicNoticePrint');
const RefundNoticePrint = lazyPage(() => import('./RefundNoticePrint'), 'RefundNoticePrint');
const VoteSheetPrint = lazyPage(() => import('./VoteSheetPrint'), 'VoteSheetPrint');
const EvoteResultPrint = lazyPage(() => import('./EvoteResultPrint'), 'EvoteResultPrint');

/** The repair project's A4 documents (committee manual §1.3), for the committee and the office. */
export const projectPrintRoutes = [
  { path: 'print/project/:id/initiation-notice', element: <ProjectNoticePrint kind="initiation" /> },
  { path: 'print/project/:id/vote-sheet', element: <VoteSheetPrint /> },
  { path: 'print/project/:id/evote-result', element: <EvoteResultPrint /> },
  { path: 'print/project/:id/approval-form', element: <ApprovalFormPrint /> },
  { path: 'print/project/:id/disbursement-form/:disbursementId', element: <DisbursementFormPrint /> },
  { path: 'print/project/:id/acceptance-notice', element: <ProjectNoticePrint kind="acceptance" /> },
  { path: 'print/project/:id/refund-notice/:refundId', element: <RefundNoticePrint /> },
  { path: 'print/project/:id/cancellation-notice', element: <ProjectNoticePrint kind="cancellation" /> },
];

/** A published notice printed from the public portal: no login (F-72). */
export const publicNoticePrintRoute = { path: 'notices/:no/print', element: <PublicNoticePrint /> };
