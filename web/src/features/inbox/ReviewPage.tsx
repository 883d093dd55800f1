import { UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { ApplicationDetail } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { APPLICATIONS_KEY, allows, applicationActions, applicationKey, useApplication } from '../applications/api';
import { ApplicationHeader } from '../applications/ApplicationHeader';
import { EventTimeline } from '../applications/EventTimeline';
import { ApplicationDetailView } from '../applications/view/ApplicationDetailView';
import { AcceptModal } from './AcceptModal';
import { ApplicationDocuments } from './ReviewedDocuments';
import { RejectModal } from './RejectModal';
import { ReviewFrame } from './ReviewFrame';
import { ReviewCounts } from './ReviewCounts';

/** F-60 审核: one application — what it asks, what approval does, its progress — and 受理 / 审核通过 / 退回. */
export function ReviewPage() {
  const { id } = useParams();
  const app = useApplication(Number(id) || undefined);
  return (
    <Page title="业务审核" extra={<BackButton />}>
      {app.data ? <Review app={app.data} /> : <LoadingOrError query={app} />}
    </Page>
  );
}

function BackButton() {
  const navigate = useNavigate();
  return (
    <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => navigate('/office/inbox')}>
      返回待办业务
    </Button>
  );
}

function Review({ app }: { app: ApplicationDetail }) {
  const queryClient = useQueryClient();
  const keep = (after: ApplicationDetail) => queryClient.setQueryData(applicationKey(after.id), after);
  /** A dialog's step is done: keep the application as the server answered it, and say what happened. */
  const stepDone = (done: (text: string) => void, what: string) => (after: ApplicationDetail) => {
    keep(after);
    done(`业务单 ${after.no} 已${what}`);
  };
  return (
    <ReviewFrame
      subject={app}
      header={<ApplicationHeader app={app} />}
      approval={{
        title: `审核通过业务单 ${app.no}？`,
        content: '审核通过后，业务单的全部变更一次性生效（登记、开户或注销等），不能撤销。',
      }}
      approve={async () => {
        keep(await applicationActions.approve(app.id));
        return `业务单 ${app.no} 已审核通过`;
      }}
      acceptDialog={(close, done) => <AcceptModal app={app} onClose={close} onDone={stepDone(done, '受理')} />}
      rejectDialog={(close, done) => <RejectModal app={app} onClose={close} onDone={stepDone(done, '退回')} />}
      onChanged={() => queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'list'] })}
      print={allows(app, 'print') && <PrintButton path={`/print/application/${app.id}`}>打印申请表</PrintButton>}
    >
      <Section title="上传的要件">
        <ApplicationDocuments appId={app.id} type={app.type} kept={app.requiredDocuments} />
      </Section>
      <ReviewCounts app={app} />
      <ApplicationDetailView app={app} />
      <Section title="办理过程">
        <EventTimeline events={app.events} />
      </Section>
    </ReviewFrame>
  );
}
