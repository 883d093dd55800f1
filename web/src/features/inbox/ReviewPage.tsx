import { UnorderedListOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { ApplicationDetail } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { formatYuan } from '../../lib/units';
import { allows, applicationActions, useApplication } from '../applications/api';
import { ApplicationHeader } from '../applications/ApplicationHeader';
import { rememberApplication } from '../applications/remember';
import { EventTimeline } from '../applications/EventTimeline';
import { ApplicationDetailView } from '../applications/view/ApplicationDetailView';
import {
  PROJECTS_KEY,
  type ProjectDetail,
  type ProjectRequest,
  type ProjectSummary,
  useProjectDetail,
  useProjectSummary,
} from '../project-print/api';
import { ProjectFactsPanel, ProjectTimeline } from './ProjectFactsPanel';
import { ProjectMoneyPanel } from './ProjectMoneyPanel';
import { PayeesTable, RequestHeader } from './ProjectRequestPanels';
import { PRINT_LABELS, PROJECT_REQUESTS_KEY, projectRequestActions, requestPrintPath, reviewable } from './projectRequestApi';
import { ApplicationDocuments, RequestDocuments } from './ReviewedDocuments';
import { AcceptModal, RejectModal, type ReviewSteps, useApplicationSteps, useProjectRequestSteps } from './ReviewDialogs';
import { ReviewFrame, type ReviewFrameProps } from './ReviewFrame';
import { ReviewCounts } from './ReviewCounts';
import { formerReviewPath, reviewTarget } from './reviewRoute';

/**
 * F-60 审核 of whatever the office reviews, on one address `office/review/:source/:id`: a registry
 * application (业务单) or a repair project's request (立项申请, 资金拨付申请, and the 清退通知单 it
 * follows). The source decides what is loaded and which panels show; the frame, the 受理 / 退回
 * dialogs and the 办理过程 are the same for both.
 */
export function ReviewPage() {
  const params = useParams();
  const target = reviewTarget(params.source, params.id);
  if (target?.source === 'application') return <ApplicationReviewPage id={target.id} />;
  if (target?.source === 'project_request') return <ProjectRequestReviewPage requestId={target.id} />;
  return (
    <Page title="业务审核" extra={<BackButton to="/office/business" label="返回业务总览" />}>
      <Alert type="warning" showIcon title="找不到该业务" />
    </Page>
  );
}

/** The former addresses (`office/inbox/:id`, `office/project-requests/:projectId/:requestId`) open the one page. */
export function FormerReviewRedirect() {
  const to = formerReviewPath(useParams());
  return <Navigate to={to ?? '/office/business'} replace />;
}

function BackButton({ to, label }: { to: string; label: string }) {
  const navigate = useNavigate();
  return (
    <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => navigate(to)}>
      {label}
    </Button>
  );
}

type ReviewProps<T> = Omit<ReviewFrameProps, 'acceptDialog' | 'rejectDialog' | 'children'> & {
  steps: ReviewSteps<T>;
  /** What the server answered a step with, kept before the page is read again. */
  onStep?: (result: T) => unknown;
  /** The kind's own panels: what is asked and what approving it does. */
  panel: ReactNode;
  /** 办理过程: the subject's one history, oldest step first. */
  timeline: ReactNode;
};

/** The review of either kind: the shared frame, the one 受理 and 退回 dialogs with the kind's submit, the kind's panels, the history. */
function Review<T>({ steps, onStep, panel, timeline, ...frame }: ReviewProps<T>) {
  const finish = (done: (text: string) => void, what: string) => (result: T) => {
    onStep?.(result);
    done(`${steps.name} 已${what}`);
  };
  return (
    <ReviewFrame
      {...frame}
      acceptDialog={(close, done) => <AcceptModal steps={steps} onClose={close} onDone={finish(done, '受理')} />}
      rejectDialog={(close, done) => <RejectModal steps={steps} onClose={close} onDone={finish(done, '退回')} />}
    >
      {panel}
      <Section title="办理过程">{timeline}</Section>
    </ReviewFrame>
  );
}

function ApplicationReviewPage({ id }: { id: number }) {
  const app = useApplication(id);
  return (
    <Page title="业务审核" extra={<BackButton to="/office/inbox" label="返回待办业务" />}>
      {app.data ? <ApplicationReview app={app.data} /> : <LoadingOrError query={app} />}
    </Page>
  );
}

function ApplicationReview({ app }: { app: ApplicationDetail }) {
  const queryClient = useQueryClient();
  const steps = useApplicationSteps(app);
  // A refetch still in flight (the window regaining focus, say) must not put back the state from before.
  // Every step's answer goes through `keep`, which also refreshes the application lists.
  const keep = (after: ApplicationDetail) => rememberApplication(queryClient, after);
  return (
    <Review
      subject={app}
      steps={steps}
      onStep={keep}
      header={<ApplicationHeader app={app} />}
      approval={{
        title: `审核通过业务单 ${app.no}？`,
        content: '审核通过后，业务单的全部变更一次性生效（登记、开户或注销等），不能撤销。',
      }}
      approve={async () => {
        await keep(await applicationActions.approve(app.id));
        return `业务单 ${app.no} 已审核通过`;
      }}
      print={allows(app, 'print') && <PrintButton path={`/print/application/${app.id}`}>打印申请表</PrintButton>}
      panel={
        <>
          <Section title="上传的要件">
            <ApplicationDocuments appId={app.id} type={app.type} kept={app.requiredDocuments} />
          </Section>
          <ReviewCounts app={app} />
          <ApplicationDetailView app={app} />
        </>
      }
      timeline={<EventTimeline events={app.events} />}
    />
  );
}

function ProjectRequestReviewPage({ requestId }: { requestId: number }) {
  // The request names its project; the project's detail and summary hold the request with its steps.
  const subject = useQuery({
    queryKey: [...PROJECT_REQUESTS_KEY, requestId, 'project'],
    queryFn: () => call(api.GET('/api/project-requests/{id}', { params: { path: { id: requestId } } })),
  });
  const projectId = subject.data?.projectId;
  const detail = useProjectDetail(projectId);
  const summary = useProjectSummary(projectId);
  const r = summary.data?.requests.find((x) => x.id === requestId);
  return (
    <Page title="维修项目申请审核" extra={<BackButton to="/office/project-requests" label="返回维修项目申请" />}>
      {!detail.data || !summary.data ? (
        <LoadingOrError query={subject.isError || !subject.data ? subject : detail.isError ? detail : summary} />
      ) : r ? (
        <ProjectRequestReview p={detail.data} s={summary.data} r={r} />
      ) : (
        <Alert type="warning" showIcon title="找不到该申请" />
      )}
    </Page>
  );
}

function ProjectRequestReview({ p, s, r }: { p: ProjectDetail; s: ProjectSummary; r: ProjectRequest }) {
  const queryClient = useQueryClient();
  const steps = useProjectRequestSteps(r, p.type);
  return (
    <Review
      subject={r}
      steps={steps}
      header={<RequestHeader r={r} />}
      notes={
        !reviewable(r.kind) && (
          <Alert type="info" showIcon title="清退通知单由申请人到专户银行缴款，银行确认后退回各分摊户分户账，无需审核。" />
        )
      }
      approval={{
        title: `审核通过${r.kindLabel} ${r.no}？`,
        content:
          r.kind === 'approval'
            ? p.type === 'simple'
              ? '审核通过后项目立项，并向专户银行发出全部预算的划转指令（立项与拨付一次审核）。'
              : '审核通过后项目立项，业主委员会即可按拨付计划申请资金拨付。'
            : `审核通过后向专户银行发出划转指令：${formatYuan(r.amount)} 元划转至收款账户，由各分摊户分户账按分摊比例支付。`,
      }}
      approve={async () => {
        await projectRequestActions.approve(r.id);
        return `${r.kindLabel} ${r.no} 已审核通过`;
      }}
      onChanged={async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: [...PROJECTS_KEY, p.id] }),
          queryClient.invalidateQueries({ queryKey: PROJECT_REQUESTS_KEY }),
        ]);
      }}
      print={<PrintButton path={requestPrintPath({ kind: r.kind, projectId: p.id, id: r.id })}>{PRINT_LABELS[r.kind]}</PrintButton>}
      panel={
        <>
          {r.payees.length > 0 && (
            <Section title="收款账户">
              <PayeesTable r={r} />
            </Section>
          )}
          {r.kind !== 'refund' && (
            <Section title="上传的要件">
              <RequestDocuments requestId={r.id} />
            </Section>
          )}
          <Section title="项目资金">
            <ProjectMoneyPanel p={p} s={s} />
          </Section>
          <Section title="项目信息">
            <ProjectFactsPanel p={p} s={s} />
          </Section>
        </>
      }
      timeline={<ProjectTimeline s={s} />}
    />
  );
}
