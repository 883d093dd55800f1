import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { allows, type OfferedAction } from '../../lib/actions';
import { errorMessage } from '../../lib/serverErrors';

type Step = 'accept' | 'reject' | 'approve';

export interface ReviewFrameProps {
  /** What is reviewed: its offered steps (decided by the server), its return reason and 受理 note. */
  subject: { actions: readonly OfferedAction[]; status: string; rejectReason: string | null; acceptNote: string | null };
  header: ReactNode;
  /** Notes of the kind shown under the header (e.g. that a refund notice needs no review). */
  notes?: ReactNode;
  /** The 审核通过 confirmation: what approving this does, in the user's words. */
  approval: { title: string; content: string };
  /** Approves; answers the success message. */
  approve: () => Promise<string>;
  /** The 受理 and 退回 dialogs of the kind; `done` closes the dialog and shows the success message. */
  acceptDialog: (close: () => void, done: (text: string) => void) => ReactNode;
  rejectDialog: (close: () => void, done: (text: string) => void) => ReactNode;
  /** Refreshes what the step changed (the object, its lists), unless the kind keeps the step's answer itself. */
  onChanged?: () => void | Promise<void>;
  print?: ReactNode;
  /** The kind's own panels: before/after of a registry change, a project's money and history. */
  children: ReactNode;
}

/**
 * F-60 审核, whatever the office reviews: the header, the kind's own panels, and the bar of the steps
 * the server offers this user (受理 / 审核通过 / 退回) — none is decided here. 审核通过 is confirmed
 * first; a refusal stays on the page until closed.
 */
export function ReviewFrame({
  subject,
  header,
  notes,
  approval,
  approve,
  acceptDialog,
  rejectDialog,
  onChanged,
  print,
  children,
}: ReviewFrameProps) {
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Exclude<Step, 'approve'>>();
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<unknown>();
  const offers = (step: Step) => allows(subject, step);
  // A reviewer waiting for 受理 is told why 审核通过 is not offered yet.
  const waitsForAcceptance = offers('reject') && !offers('approve') && !offers('accept');

  const done = async (text: string) => {
    setDialog(undefined);
    setError(undefined);
    message.success(text);
    await onChanged?.();
  };

  const confirmAndApprove = async () => {
    const ok = await modal.confirm({ ...approval, okText: '审核通过', cancelText: '取消' });
    if (!ok) return;
    setApproving(true);
    try {
      await done(await approve());
    } catch (err) {
      setError(err);
    } finally {
      setApproving(false);
    }
  };
  const close = () => setDialog(undefined);

  return (
    <Flex vertical gap={16}>
      {header}
      {subject.status === 'rejected' && subject.rejectReason && <Alert type="warning" showIcon title={`已退回：${subject.rejectReason}`} />}
      {subject.acceptNote && <Alert type="info" showIcon title={`受理备注：${subject.acceptNote}`} />}
      {notes}
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
      {children}
      <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}>
        <Space wrap>
          {offers('accept') && (
            <Button type="primary" onClick={() => setDialog('accept')}>
              受理
            </Button>
          )}
          {offers('approve') && (
            <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={approving} onClick={confirmAndApprove}>
              审核通过
            </Button>
          )}
          {offers('reject') && (
            <Button danger icon={<RollbackOutlined aria-hidden />} disabled={approving} onClick={() => setDialog('reject')}>
              退回
            </Button>
          )}
          {waitsForAcceptance && <span>须先由受理员受理后才能审核通过</span>}
          {print}
        </Space>
      </Card>
      {dialog === 'accept' && acceptDialog(close, done)}
      {dialog === 'reject' && rejectDialog(close, done)}
    </Flex>
  );
}
