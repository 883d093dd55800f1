import { Card, Col, Row } from 'antd';
import { hasPermission, type Permission, useCurrentSession } from '../../app/session';
import { CountCard } from '../../components/CountCard';
import { APPLICATIONS_KEY, fetchApplications } from '../applications/api';
import { fetchProjectRequests, PROJECT_REQUESTS_KEY, type ProjectRequestQuery } from './projectRequestApi';

interface Workload {
  title: string;
  /** Who works on these: the window accepts, the reviewer reviews; everyone follows the bank's part. */
  permission?: Permission;
  count: () => Promise<number>;
  queryKey: readonly unknown[];
  to: string;
}

const applications = (status: 'submitted' | 'accepted') => ({
  queryKey: [...APPLICATIONS_KEY, 'list', 'count', status],
  count: async () => (await fetchApplications({ page: 1, pageSize: 1, status })).total,
  to: `/office/inbox?status=${status}`,
});

const requests = (query: Omit<ProjectRequestQuery, 'page' | 'pageSize'>) => ({
  queryKey: [...PROJECT_REQUESTS_KEY, 'count', query],
  count: async () => (await fetchProjectRequests({ page: 1, pageSize: 1, ...query })).total,
  to: `/office/project-requests?${new URLSearchParams(query as Record<string, string>)}`,
});

const WORKLOAD: Workload[] = [
  { title: '待受理业务单', permission: 'office.accept', ...applications('submitted') },
  { title: '待审核业务单', permission: 'office.review', ...applications('accepted') },
  { title: '待受理立项申请', permission: 'office.accept', ...requests({ kind: 'approval', status: 'submitted' }) },
  { title: '待审核立项申请', permission: 'office.review', ...requests({ kind: 'approval', status: 'accepted' }) },
  { title: '待受理资金拨付申请', permission: 'office.accept', ...requests({ kind: 'disbursement', status: 'submitted' }) },
  { title: '待审核资金拨付申请', permission: 'office.review', ...requests({ kind: 'disbursement', status: 'accepted' }) },
  // The bank's part, followed by everyone: approved instructions not yet transferred, refund notices not yet paid in.
  { title: '待银行划转的拨付', ...requests({ kind: 'disbursement', status: 'approved' }) },
  { title: '待缴款的清退通知单', ...requests({ kind: 'refund', status: 'submitted' }) },
];

/** F-60 on the fund office's 工作台: what waits for the window, the reviewer and the bank, each opening its list. */
export function WorkloadCounts() {
  const session = useCurrentSession();
  const mine = WORKLOAD.filter((w) => !w.permission || hasPermission(session, w.permission));
  return (
    <Card type="inner" title="待办事项">
      <Row gutter={[16, 16]}>
        {mine.map((w) => (
          <Col key={w.title} xs={24} sm={12} lg={6}>
            <CountCard title={w.title} queryKey={w.queryKey} count={w.count} unit="件" to={w.to} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
