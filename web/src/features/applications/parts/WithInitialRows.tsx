import type { ReactNode } from 'react';
import type { ApplicationDetail, ApplicationType } from '../../../api/types';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { Page } from '../../../components/Page';
import { TYPE_LABELS } from '../labels';
import { useInitialRows } from '../picked';

interface WithInitialRowsProps<R> {
  type: ApplicationType;
  app: ApplicationDetail | undefined;
  /** Names what is loaded (e.g. the item kind). */
  what: string;
  load: (app: ApplicationDetail) => Promise<R[]>;
  children: (rows: R[]) => ReactNode;
}

/** Loads the picked houses (or buildings) of a saved application before its editor starts from them. */
export function WithInitialRows<R>({ type, app, what, load, children }: WithInitialRowsProps<R>) {
  const { rows, query } = useInitialRows(app, what, load);
  if (!rows) {
    return (
      <Page title={TYPE_LABELS[type]}>
        <LoadingOrError query={query} />
      </Page>
    );
  }
  return children(rows);
}
