import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { useNavigate } from 'react-router';

interface CountCardProps {
  title: string;
  /** Names the count in the query cache, under the list it counts (so acting on the list refreshes it). */
  queryKey: readonly unknown[];
  /** How many there are: the total of the list's first page. */
  count: () => Promise<number>;
  unit: string;
  /** The list, filtered to what was counted. */
  to: string;
}

/** A figure on the 工作台 that opens the list it counts. */
export function CountCard({ title, queryKey, count, unit, to }: CountCardProps) {
  const navigate = useNavigate();
  const n = useQuery({ queryKey, queryFn: count });
  return (
    <Card hoverable size="small" onClick={() => navigate(to)} role="link" aria-label={`${title}：${n.data ?? '—'} ${unit}`}>
      <Statistic title={title} value={n.data ?? '—'} loading={n.isPending} suffix={unit} />
    </Card>
  );
}
