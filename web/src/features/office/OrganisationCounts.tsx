import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import { fetchOrganisations, OFFICE_ORGS_KEY, type OrganisationListQuery } from './api';

interface CountCardProps {
  title: string;
  query: OrganisationListQuery;
  /** The organisation list, filtered to what was counted. */
  listSearch: string;
}

function CountCard({ title, query, listSearch }: CountCardProps) {
  const navigate = useNavigate();
  const count = useQuery({
    queryKey: [...OFFICE_ORGS_KEY, 'count', query],
    queryFn: () => fetchOrganisations({ ...query, page: 1, pageSize: 1 }),
  });
  return (
    <Card hoverable size="small" onClick={() => navigate(`/office/organisations${listSearch}`)}>
      <Statistic title={title} value={count.data?.total ?? '—'} loading={count.isPending} suffix="个" />
    </Card>
  );
}

/** The fund office's view of registered organisations: how many, and how many need attention. */
export function OrganisationCounts() {
  return (
    <Row gutter={16}>
      <Col xs={24} sm={8}>
        <CountCard title="已注册机构" query={{}} listSearch="" />
      </Col>
      <Col xs={24} sm={8}>
        <CountCard title="要件原件未核验" query={{ verified: 'false' }} listSearch="?verified=false" />
      </Col>
      <Col xs={24} sm={8}>
        <CountCard title="已暂停使用" query={{ status: 'suspended' }} listSearch="?status=suspended" />
      </Col>
    </Row>
  );
}
