import { useQuery } from '@tanstack/react-query';
import { Col, Row, Typography } from 'antd';
import { api, call } from '../../api/client';
import { LoadingOrError } from '../../components/LoadingOrError';

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre className="wygl-json">{value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}</pre>
    </Col>
  );
}

/**
 * An audit record's values before and after the change, side by side. A page of the log does not
 * carry them (a batch's record holds every notice it issued): they are read when the row is opened.
 */
export function AuditChange({ id }: { id: number }) {
  const record = useQuery({
    queryKey: ['office', 'audit', id],
    queryFn: () => call(api.GET('/api/office/audit/{id}', { params: { path: { id } } })),
    staleTime: Number.POSITIVE_INFINITY, // a record of the log never changes
  });
  if (!record.data) return <LoadingOrError query={record} />;
  return (
    <Row gutter={16}>
      <Json title="变更前" value={record.data.before} />
      <Json title="变更后" value={record.data.after} />
    </Row>
  );
}
