import { Steps } from 'antd';
import type { ApplicationDetail } from '../../api/types';

/** After the type's own steps, every application goes the same way (manual 第五步 onwards). */
const COMMON = ['保存并提交', '窗口受理', '审核'];

/**
 * The manual's steps for the type, with the one the application is at: `editing` is how far the
 * page's own steps have got while it is a draft.
 */
export function ApplicationSteps({ steps, editing, app }: { steps: string[]; editing: number; app: ApplicationDetail | undefined }) {
  const all = [...steps, ...COMMON];
  const submitAt = steps.length;
  const status = app?.status ?? 'draft';
  const current =
    status === 'draft'
      ? Math.min(editing, submitAt)
      : status === 'submitted'
        ? submitAt + 1
        : status === 'withdrawn'
          ? submitAt
          : submitAt + 2;
  const stepStatus = status === 'rejected' || status === 'withdrawn' ? 'error' : status === 'approved' ? 'finish' : ('process' as const);
  const note: Partial<Record<typeof status, string>> = {
    rejected: '审核退回，请修改后重新提交',
    withdrawn: '已撤回',
    approved: '审核通过',
  };
  return (
    <Steps
      size="small"
      current={current}
      status={stepStatus}
      items={all.map((title, i) => ({ title, content: i === current ? note[status] : undefined }))}
    />
  );
}
