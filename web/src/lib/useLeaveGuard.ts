import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving a page with unsaved changes: moving to another page of the app opens a
 * confirmation (离开 / 留在本页), and closing or reloading the tab gets the browser's own question.
 * `isDirty` is read at the moment of leaving.
 */
export function useLeaveGuard(isDirty: () => boolean) {
  const { modal } = App.useApp();
  const dirty = useRef(isDirty);
  dirty.current = isDirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && dirty.current());
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: '离开此页面？',
      content: '有尚未保存的修改，离开后这些修改将丢失。如需保留，请留在本页并点“保存”。',
      okText: '离开',
      okButtonProps: { danger: true },
      cancelText: '留在本页',
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal]);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
