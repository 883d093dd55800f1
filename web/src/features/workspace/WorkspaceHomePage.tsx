import { Alert, Card, Flex, Typography } from 'antd';
import { hasPermission, useCurrentSession } from '../../app/session';
import { LoadingOrError } from '../../components/LoadingOrError';
import { OrgDescriptions } from '../../components/OrgDescriptions';
import { Page } from '../../components/Page';
import { useOwnOrg } from '../org/api';
import { WorkloadCounts } from '../inbox/WorkloadCounts';
import { TodoCounts } from '../messages/TodoCounts';
import { OrganisationCounts } from '../office/OrganisationCounts';
import { PAPER_DOCUMENTS_REMINDER } from '../registration/reminders';

/** 工作台: who is logged in, what waits for the fund office, and the organisation's registration at a glance. */
export function WorkspaceHomePage() {
  const session = useCurrentSession();
  const org = useOwnOrg();
  const registers = session.org.type === 'committee' || session.org.type === 'developer';
  return (
    <Page title="工作台">
      <Flex vertical gap={20}>
        <div>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            您好，{session.user.name}！
          </Typography.Title>
          <Typography.Text type="secondary">
            欢迎使用{session.org.typeLabel}工作台。当前机构：{session.org.name}；您的角色：{session.user.roleLabels.join('、')}。
          </Typography.Text>
        </div>
        {hasPermission(session, ['office.accept', 'office.review']) && <WorkloadCounts />}
        {session.org.type !== 'office' && <TodoCounts />}
        {hasPermission(session, 'office.orgs') && <OrganisationCounts />}
        <Card type="inner" title="本机构信息">
          {org.data ? <OrgDescriptions org={org.data} /> : <LoadingOrError query={org} />}
        </Card>
        {registers && org.data && !org.data.documentsVerifiedAt && (
          <Alert type="info" showIcon title="要件原件尚未核验" description={PAPER_DOCUMENTS_REMINDER} />
        )}
      </Flex>
    </Page>
  );
}
