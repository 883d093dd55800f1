import { Col, Row } from 'antd';
import { CountCard } from '../../components/CountCard';
import { fetchOrganisations, OFFICE_ORGS_KEY, type OrganisationListQuery } from './api';

const ORGANISATION_COUNTS: { title: string; query: OrganisationListQuery; search: string }[] = [
  { title: '已注册机构', query: {}, search: '' },
  { title: '要件原件未核验', query: { verified: 'false' }, search: '?verified=false' },
  { title: '已暂停使用', query: { status: 'suspended' }, search: '?status=suspended' },
];

/** The fund office's view of registered organisations: how many, and how many need attention. */
export function OrganisationCounts() {
  return (
    <Row gutter={16}>
      {ORGANISATION_COUNTS.map(({ title, query, search }) => (
        <Col key={title} xs={24} sm={8}>
          <CountCard
            title={title}
            queryKey={[...OFFICE_ORGS_KEY, 'count', query]}
            count={async () => (await fetchOrganisations({ ...query, page: 1, pageSize: 1 })).total}
            unit="个"
            to={`/office/organisations${search}`}
          />
        </Col>
      ))}
    </Row>
  );
}
