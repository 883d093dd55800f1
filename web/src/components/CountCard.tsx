import { useQuery } from '@tanstack/react-query';
import { Card, Statistic } from 'antd';
import { Link } from 'react-router';

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

/** A figure on the 工作台 that opens the list it counts: a real link, so the keyboard reaches it too. */
export function CountCard({ title, queryKey, count, unit, to }: CountCardProps) {
  const n = useQuery({ queryKey, queryFn: count });
  return (
    <Link to={to} aria-label={`${title}：${n.data ?? '—'} ${unit}`} style={{ display: 'block' }}>
      <Card hoverable size="small">
        <Statistic title={title} value={n.data ?? '—'} loading={n.isPending} suffix={unit} />
      </Card>
    </Link>
  );
}
