import { Result } from 'antd';
import { FullPageSpin } from '../../app/guards';
import { LoadingOrError } from '../../components/LoadingOrError';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** What a print view shows until all it needs has arrived: a spinner, or the first failure. */
export function PrintWaiting({ queries }: { queries: QueryLike[] }) {
  const failed = queries.find((q) => q.isError);
  if (failed) return <LoadingOrError query={failed} />;
  return <FullPageSpin />;
}

export const ready = (queries: QueryLike[]) => queries.every((q) => !q.isPending && !q.isError);

/** A document the project does not have (yet): e.g. no acceptance notice published. */
export function NothingToPrint({ title }: { title: string }) {
  return <Result status="info" title={title} />;
}
