import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { ApplicationDetail, ApplicationFormBody, ApplicationItemBody, ApplicationType } from '../../api/types';
import { showFieldErrors } from '../../lib/serverErrors';
import { applicationActions } from './api';
import { editorLocationState, useEditorKey } from './ApplicationRoute';
import { applicationPath, TYPE_LABELS } from './labels';
import { rememberApplication } from './remember';

/** What a page saves: the header form, the area (on creation), and item kinds it holds in full. */
export interface Draft {
  areaId?: number;
  form: ApplicationFormBody;
  items?: { kind: string; rows: ApplicationItemBody[] }[];
}

/** Thrown by a page's `collect` when the page itself shows what is missing. */
export class NotReady extends Error {}

interface EditorOptions {
  type: ApplicationType;
  app: ApplicationDetail | undefined;
  /** Checks the page and returns what to save; throws NotReady or an antd validation error. */
  collect: () => Promise<Draft>;
  /** The page's header form, to show the server's field messages under its fields. */
  form?: FormInstance;
  /** After a save, e.g. to reset the page's own “changed” marks. */
  onSaved?: (app: ApplicationDetail) => void;
  /** Between saving and submitting: what the page asks first (R-12 确认需要退款); false stops the submission. */
  beforeSubmit?: (saved: ApplicationDetail) => Promise<boolean>;
}

export type Busy = 'save' | 'submit' | 'withdraw' | undefined;

const isValidationError = (err: unknown) => !!err && typeof err === 'object' && 'errorFields' in err;

/**
 * The draft → 保存 → 保存并提交 → 撤回 cycle every business application shares. The first save creates
 * the draft (and its business number); the page's address then gains the id without rebuilding it.
 */
export function useApplicationEditor({ type, app, collect, form, onSaved, beforeSubmit }: EditorOptions) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const editorKey = useEditorKey();
  const { message, modal } = App.useApp();
  const created = useRef<ApplicationDetail | undefined>(undefined);
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<unknown>();
  const [justSubmitted, setJustSubmitted] = useState(false);
  const current = app ?? created.current;

  const remember = (detail: ApplicationDetail) => rememberApplication(queryClient, detail);

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.body.fieldErrors && form) {
      // The server names header fields `form.<field>`; the page's form names them `<field>`.
      const fieldErrors = Object.fromEntries(Object.entries(err.body.fieldErrors).map(([k, v]) => [k.replace(/^form\./, ''), v]));
      showFieldErrors(form, new ApiError(err.status, { ...err.body, fieldErrors }));
    }
    setError(err);
  };

  /** Collects the page; null (after saying why) when it is not ready to save. */
  const collected = async (): Promise<Draft | null> => {
    try {
      return await collect();
    } catch (err) {
      if (isValidationError(err)) message.error('请先完善标红的内容');
      else if (!(err instanceof NotReady)) throw err;
      return null;
    }
  };

  const persist = async (draft: Draft): Promise<ApplicationDetail> => {
    let detail: ApplicationDetail;
    if (!current) {
      detail = await applicationActions.create(type, draft.areaId, draft.form);
      created.current = detail;
      await remember(detail);
      navigate(applicationPath(type, detail.id), { replace: true, state: editorLocationState(editorKey) });
    } else {
      detail = await applicationActions.saveForm(current.id, draft.form);
    }
    const id = detail.id;
    for (const { kind, rows } of draft.items ?? []) await applicationActions.replaceItems(id, kind, rows);
    if (draft.items?.length) detail = await applicationActions.get(id);
    created.current = detail;
    await remember(detail);
    onSaved?.(detail);
    return detail;
  };

  const run = async <T>(what: Busy, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setError(undefined);
    try {
      return await work();
    } catch (err) {
      showError(err);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  /** 保存: the draft as it stands; returns the saved application, or undefined when it was not saved. */
  const save = (quiet = false) =>
    run('save', async () => {
      const draft = await collected();
      if (!draft) return undefined;
      const detail = await persist(draft);
      if (!quiet) message.success(`已保存，业务单号 ${detail.no}`);
      return detail;
    });

  const submit = async () => {
    const draft = await collected();
    if (!draft) return;
    const ok = await modal.confirm({
      title: `提交${TYPE_LABELS[type]}业务单？`,
      content: '提交后业务单不能再修改；维修资金管理部门受理前可以撤回。提交后请打印申请表。',
      okText: '保存并提交',
      cancelText: '取消',
    });
    if (!ok) return;
    await run('submit', async () => {
      const saved = await persist(draft);
      if (beforeSubmit && !(await beforeSubmit(saved))) return;
      const after = await applicationActions.submit(saved.id);
      await remember(after);
      setJustSubmitted(true);
      message.success(`业务单 ${after.no} 已提交`);
    });
  };

  const withdraw = async () => {
    if (!current) return;
    const ok = await modal.confirm({
      title: `撤回业务单 ${current.no}？`,
      content: '撤回后该业务单作废，不能再提交，所选房屋不再占用；如需办理请重新创建业务单。',
      okText: '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
    });
    if (!ok) return;
    await run('withdraw', async () => {
      const after = await applicationActions.withdraw(current.id);
      await remember(after);
      // The “已提交” banner belongs to the submission just withdrawn.
      setJustSubmitted(false);
      message.success(`业务单 ${after.no} 已撤回`);
    });
  };

  return { type, app: current, busy, error, justSubmitted, save, submit, withdraw, clearError: () => setError(undefined) };
}

export type ApplicationEditor = ReturnType<typeof useApplicationEditor>;
