import { CheckOutlined, RollbackOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ApplicationDetail } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/serverErrors';
import { APPLICATIONS_KEY, allows, applicationActions, applicationKey, useApplication } from '../applications/api';
import { ApplicationHeader } from '../applications/ApplicationHeader';
import { EventTimeline } from '../applications/EventTimeline';
import { ApplicationDetailView } from '../applications/view/ApplicationDetailView';
import { AcceptModal } from './AcceptModal';
import { ApplicationDocuments } from './ReviewedDocuments';
import { RejectModal } from './RejectModal';
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
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<'accept' | 'reject'>();
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<unknown>();
  const mayAccept = allows(app, 'accept');
  // A reviewer waiting for 受理 is told why 审核通过 is not offered yet.
  const waitsForAcceptance = allows(app, 'reject') && !allows(app, 'approve') && !mayAccept;

  const done = (after: ApplicationDetail, text: string) => {
    queryClient.setQueryData(applicationKey(after.id), after);
    queryClient.invalidateQueries({ queryKey: [...APPLICATIONS_KEY, 'list'] });
    setDialog(undefined);
    setError(undefined);
    message.success(text);
  };

  const approve = async () => {
    const ok = await modal.confirm({
      title: `审核通过业务单 ${app.no}？`,
      content: '审核通过后，业务单的全部变更一次性生效（登记、开户或注销等），不能撤销。',
      okText: '审核通过',
      cancelText: '取消',
    });
    if (!ok) return;
    setApproving(true);
    try {
      done(await applicationActions.approve(app.id), `业务单 ${app.no} 已审核通过`);
    } catch (err) {
      setError(err);
    } finally {
      setApproving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <ApplicationHeader app={app} />
      {app.status === 'rejected' && app.rejectReason && <Alert type="warning" showIcon title={`已退回：${app.rejectReason}`} />}
      {app.acceptNote && <Alert type="info" showIcon title={`受理备注：${app.acceptNote}`} />}
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="审核未能通过"
          description={errorMessage(error)}
          closable={{ onClose: () => setError(undefined) }}
        />
      )}
      <Section title="上传的要件">
        <ApplicationDocuments appId={app.id} type={app.type} kept={app.requiredDocuments} />
      </Section>
      <ReviewCounts app={app} />
      <ApplicationDetailView app={app} />
      <Section title="办理过程">
        <EventTimeline events={app.events} />
      </Section>
      <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}>
        <Space wrap>
          {mayAccept && (
            <Button type="primary" onClick={() => setDialog('accept')}>
              受理
            </Button>
          )}
          {allows(app, 'approve') && (
            <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={approving} onClick={approve}>
              审核通过
            </Button>
          )}
          {allows(app, 'reject') && (
            <Button danger icon={<RollbackOutlined aria-hidden />} disabled={approving} onClick={() => setDialog('reject')}>
              退回
            </Button>
          )}
          {waitsForAcceptance && <span>须先由受理员受理后才能审核通过</span>}
          {allows(app, 'print') && <PrintButton path={`/print/application/${app.id}`}>打印申请表</PrintButton>}
        </Space>
      </Card>
      {dialog === 'accept' && (
        <AcceptModal app={app} onClose={() => setDialog(undefined)} onDone={(after) => done(after, `业务单 ${after.no} 已受理`)} />
      )}
      {dialog === 'reject' && (
        <RejectModal app={app} onClose={() => setDialog(undefined)} onDone={(after) => done(after, `业务单 ${after.no} 已退回`)} />
      )}
    </Flex>
  );
}
