import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/serverErrors';
import { cancelProject, type ProjectAction, useProjectSummary, useRefreshProject } from './api';

/** Where each action of the manual's 操作 menu leads (撤销 is a confirmation, not a page). */
export const ACTION_PATHS: Record<string, (id: number) => string> = {
  edit: (id) => `/repair/projects/${id}/edit`,
  initiation_notice: (id) => `/repair/projects/${id}/notices?kind=initiation`,
  acceptance_notice: (id) => `/repair/projects/${id}/notices?kind=acceptance`,
  cancellation_notice: (id) => `/repair/projects/${id}/notices?kind=cancellation`,
  vote: (id) => `/repair/projects/${id}/vote`,
  approval: (id) => `/repair/projects/${id}/approval`,
  disbursement: (id) => `/repair/projects/${id}/disbursement`,
  acceptance: (id) => `/repair/projects/${id}/acceptance`,
  refund: (id) => `/repair/projects/${id}/refund`,
};

const NOTICE_ACTIONS = [
  ['initiation_notice', '立项公示'],
  ['acceptance_notice', '验收公示'],
  ['cancellation_notice', '撤销公示'],
] as const;
const PLAIN_ACTIONS = [
  ['vote', '投票表决管理'],
  ['approval', '项目立项'],
  ['disbursement', '资金拨付'],
  ['acceptance', '项目验收'],
  ['refund', '清退'],
  ['cancel', '撤销'],
] as const;

/** A menu entry: enabled when allowed; otherwise disabled with what blocks it as its tooltip. */
function entry(key: string, label: string, a: ProjectAction | undefined) {
  const blocked = a && !a.allowed ? (a.blockedBy?.message ?? '') : undefined;
  return {
    key,
    disabled: !a?.allowed,
    label: blocked ? (
      <Tooltip title={blocked} placement="left">
        <span>{label}</span>
      </Tooltip>
    ) : (
      label
    ),
  };
}

/** Asks before 撤销 (F-47) and reports the rule that refuses it. */
export function useCancelProject(id: number) {
  const { modal, message } = App.useApp();
  const refresh = useRefreshProject();
  return () =>
    modal.confirm({
      title: '撤销维修项目？',
      content: '撤销后项目不能再继续办理，未办结的申请一并作废。',
      okText: '撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await cancelProject(id);
          message.success('撤销成功，项目撤销完成');
          await refresh();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
}

/**
 * 操作 of one row of 维修项目列表 (manual §1.3): 查看, 编辑, 公示管理 › 立项 / 验收 / 撤销公示, 投票表决管理,
 * 项目立项, 资金拨付, 项目验收, 清退, 撤销 — read from the project's allowed actions when opened.
 */
export function ActionMenu({ projectId }: { projectId: number }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const summary = useProjectSummary(projectId, open);
  const cancel = useCancelProject(projectId);
  const actions = new Map((summary.data?.actions ?? []).map((a) => [a.action, a]));
  const applicable = ([key]: readonly [string, string]) => actions.get(key)?.applicable !== false;

  const items: MenuProps['items'] = summary.data
    ? [
        { key: 'view', label: '查看' },
        entry('edit', '编辑', actions.get('edit')),
        {
          key: 'notices',
          label: '公示管理',
          children: NOTICE_ACTIONS.map(([key, label]) => entry(key, label, actions.get(key))),
        },
        ...PLAIN_ACTIONS.filter(applicable).map(([key, label]) => entry(key, label, actions.get(key))),
      ]
    : [{ key: 'loading', disabled: true, label: summary.isError ? errorMessage(summary.error) : '加载中…' }];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    setOpen(false);
    if (key === 'view') navigate(`/repair/projects/${projectId}`);
    else if (key === 'cancel') cancel();
    else navigate(ACTION_PATHS[key]?.(projectId) ?? `/repair/projects/${projectId}`);
  };

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} menu={{ items, onClick }}>
      <Button size="small" aria-label="操作">
        操作 <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
