import { RollbackOutlined, SaveOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { hasPermission, useCurrentSession } from '../../app/session';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/serverErrors';
import { allows, isEditable } from './api';
import { ApplicationHeader } from './ApplicationHeader';
import { ApplicationSteps } from './ApplicationSteps';
import { EventTimeline } from './EventTimeline';
import { TYPE_LABELS, WINDOW_REMINDER } from './labels';
import type { ApplicationEditor } from './useApplicationEditor';
import { ApplicationDetailView } from './view/ApplicationDetailView';
import { RequiredDocumentsHint } from '../required-documents/RequiredDocumentsHint';

interface ApplicationShellProps {
  editor: ApplicationEditor;
  /** The type's own steps from the manual, before 保存并提交. */
  steps: string[];
  /** How far the draft has got through `steps`. */
  editing: number;
  /** The type's editor, shown while the application is a draft or returned. */
  children: ReactNode;
  /** Forms printed beside the application form (R-12 退款申请表). */
  prints?: ReactNode;
}

const ERROR_TITLES: Record<string, string> = {
  INCOMPLETE: '业务单尚不完整，不能提交',
  HOUSE_HELD: '所选房屋正在办理其他业务',
  VALIDATION: '填写的内容有误，未能保存',
  STATUS: '业务单状态已变化',
};

/**
 * The page of one business application, whatever its type: 业务单号 and status, the manual's steps,
 * the type's editor (or, once submitted, what was submitted and its progress), and the actions
 * 保存 / 保存并提交 / 撤回 / 打印申请表.
 */
export function ApplicationShell({ editor, steps, editing, prints, children }: ApplicationShellProps) {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const { app, busy } = editor;
  const editable = isEditable(app);
  // A new application is submitted by whoever may submit; a saved one as the server allows.
  const maySubmit = app ? allows(app, 'submit') : hasPermission(session, 'registry.submit');
  const code = editor.error instanceof ApiError ? editor.error.body.code : '';

  return (
    <Page
      title={TYPE_LABELS[editor.type]}
      extra={
        <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => navigate('/registry/applications')}>
          业务单查询
        </Button>
      }
    >
      <Flex vertical gap={16}>
        {app ? <ApplicationHeader app={app} /> : <Alert type="info" showIcon title="新业务单：填写后单击“保存”，系统生成业务单号。" />}
        <ApplicationSteps steps={steps} editing={editing} app={app} />
        {app?.status === 'rejected' && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title="业务单已被维修资金管理部门退回"
            description={
              <>
                <div data-testid="reject-reason">
                  <strong>退回原因：</strong>
                  {app.rejectReason}
                </div>
                <div>请按退回原因修改后，单击“保存并提交”重新提交。</div>
              </>
            }
          />
        )}
        {app && (editor.justSubmitted || app.status === 'submitted') && (
          <Alert
            type="success"
            showIcon
            title={`业务单 ${app.no} 已提交`}
            description={WINDOW_REMINDER}
            action={
              <Space orientation="vertical">
                <PrintButton path={`/print/application/${app.id}`}>打印申请表</PrintButton>
                {prints}
              </Space>
            }
          />
        )}
        {editor.error !== undefined && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={ERROR_TITLES[code] ?? '操作失败'}
            description={errorMessage(editor.error)}
            closable={{ onClose: editor.clearError }}
          />
        )}
        {editable ? children : app && <ApplicationDetailView app={app} />}
        {(editable || app?.status === 'submitted') && <RequiredDocumentsHint type={editor.type} />}
        {app && app.events.length > 0 && (
          <Section title="办理过程">
            <EventTimeline events={app.events} />
          </Section>
        )}
        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}>
          <Space wrap>
            {editable && (
              <Button
                icon={<SaveOutlined aria-hidden />}
                loading={busy === 'save'}
                disabled={!!busy && busy !== 'save'}
                onClick={() => editor.save()}
              >
                保存
              </Button>
            )}
            {maySubmit && (
              <Button
                type="primary"
                icon={<SendOutlined aria-hidden />}
                loading={busy === 'submit'}
                disabled={!!busy && busy !== 'submit'}
                onClick={editor.submit}
              >
                保存并提交
              </Button>
            )}
            {allows(app, 'withdraw') && (
              <Button
                danger
                icon={<RollbackOutlined aria-hidden />}
                loading={busy === 'withdraw'}
                disabled={!!busy}
                onClick={editor.withdraw}
              >
                撤回
              </Button>
            )}
            {app && allows(app, 'print') && <PrintButton path={`/print/application/${app.id}`}>打印申请表</PrintButton>}
            {allows(app, 'print') && prints}
          </Space>
        </Card>
      </Flex>
    </Page>
  );
}
