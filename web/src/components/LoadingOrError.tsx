import { Button, Result, Skeleton } from 'antd';
import { errorMessage } from '../lib/serverErrors';

interface QueryState {
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** What a page shows until its data has arrived: a skeleton, or the reason it could not load. */
export function LoadingOrError({ query }: { query: QueryState }) {
  if (!query.isError) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Result
      status="warning"
      title="加载失败"
      subTitle={errorMessage(query.error)}
      extra={
        <Button type="primary" onClick={() => query.refetch()}>
          重试
        </Button>
      }
    />
  );
}
