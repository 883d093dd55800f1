import { Col, Row, Typography } from 'antd';

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre className="wygl-json">{value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}</pre>
    </Col>
  );
}

/** An audit entry's recorded values before and after the change, side by side. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  return (
    <Row gutter={16}>
      <Json title="变更前" value={before} />
      <Json title="变更后" value={after} />
    </Row>
  );
}
