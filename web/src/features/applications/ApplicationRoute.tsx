import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { ApplicationDetail, ApplicationType } from '../../api/types';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { useApplication } from './api';
import { applicationPath, TYPE_LABELS } from './labels';

/** Carried in the location when a new draft's address gets its id, so the page is not rebuilt. */
interface EditorLocationState {
  editorKey?: string;
}

/**
 * The identity of the page being edited: a fresh one for each visit from the menu, kept when a new
 * draft is saved and the address changes from /registry/<type> to /registry/<type>/<id>.
 */
export function useEditorKey(): string {
  const location = useLocation();
  return (location.state as EditorLocationState | null)?.editorKey ?? location.key;
}

export function editorLocationState(editorKey: string): EditorLocationState {
  return { editorKey };
}

/**
 * /registry/<type>/:id? — a new application (no id) or an existing one, loaded before its editor
 * renders. An id of another type goes to that type's page.
 */
export function ApplicationRoute({ type, render }: { type: ApplicationType; render: (app: ApplicationDetail | undefined) => ReactNode }) {
  const { id } = useParams();
  const appId = id ? Number(id) : undefined;
  const editorKey = useEditorKey();
  const app = useApplication(appId);
  const navigate = useNavigate();
  if (appId === undefined) return <Keyed k={editorKey}>{render(undefined)}</Keyed>;
  if (!app.data) {
    return (
      <Page title={TYPE_LABELS[type]}>
        <LoadingOrError query={app} />
      </Page>
    );
  }
  if (app.data.type !== type) {
    return (
      <Result
        status="warning"
        title={`业务单 ${app.data.no} 是${app.data.typeLabel}业务`}
        extra={
          <Button type="primary" onClick={() => navigate(applicationPath(app.data.type, app.data.id), { replace: true })}>
            打开该业务单
          </Button>
        }
      />
    );
  }
  return <Keyed k={editorKey}>{render(app.data)}</Keyed>;
}

function Keyed({ k, children }: { k: string; children: ReactNode }) {
  return <div key={k}>{children}</div>;
}
