import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ProfileOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { OfficeOrgDetail } from '../../api/types';
import { hasPermission, useCurrentSession } from '../../app/session';
import { DocumentGallery } from '../../components/DocumentGallery';
import { LoadingOrError } from '../../components/LoadingOrError';
import { OrgDescriptions } from '../../components/OrgDescriptions';
import { Page } from '../../components/Page';
import { REGISTERING_TYPES } from '../../../../server/src/domain/roles.ts';
import { VerifiedTag } from '../../components/StatusTags';
import { allows } from '../../lib/actions';
import { errorMessage } from '../../lib/serverErrors';
import { OFFICE_ORGS_KEY, organisationActions, useOrganisationDetail } from './api';
import { LockedUsersCard } from './LockedUsersCard';
import { SuspendModal } from './SuspendModal';

/** F-61: one organisation as the fund office reviews it — details, documents, verification, suspension. */
export function OrganisationDetailPage() {
  const { id } = useParams();
  const orgId = Number(id);
  const detail = useOrganisationDetail(Number.isInteger(orgId) && orgId > 0 ? orgId : undefined);
  const navigate = useNavigate();
  const location = useLocation();
  // Back to the list as it was left (filters, page), or to the list when opened directly.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/office/organisations'));
  return (
    <Page
      title={detail.data ? detail.data.name : '机构详情'}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          返回机构列表
        </Button>
      }
    >
      {detail.data ? <OrganisationReview org={detail.data} /> : <LoadingOrError query={detail} />}
    </Page>
  );
}

function OrganisationReview({ org }: { org: OfficeOrgDetail }) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [suspending, setSuspending] = useState(false);

  const updated = (next: OfficeOrgDetail, done: string) => {
    queryClient.setQueryData([...OFFICE_ORGS_KEY, 'detail', next.id], next);
    queryClient.invalidateQueries({ queryKey: OFFICE_ORGS_KEY, predicate: (q) => q.queryKey[2] !== 'detail' });
    message.success(done);
  };

  const confirmThen = (title: string, content: string, action: () => Promise<OfficeOrgDetail>, done: string) =>
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        try {
          updated(await action(), done);
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const verify = () =>
    confirmThen(
      '核验要件原件',
      `确认已收到并核对 ${org.name} 注册要件的纸质材料（A4 复印件，加盖单位公章）与上传的要件一致？核验日期将记录在案。`,
      () => organisationActions.verifyDocuments(org.id),
      '已记录要件原件核验',
    );

  const reactivate = () =>
    confirmThen(
      '恢复使用',
      `恢复 ${org.name} 的使用后，该机构的用户即可重新登录。`,
      () => organisationActions.reactivate(org.id),
      '已恢复该机构的使用',
    );

  const readsUploads = hasPermission(session, 'office.files');

  return (
    <Flex vertical gap={16}>
      <Space wrap size="middle">
        {org.documentsVerifiedAt ? (
          <VerifiedTag verifiedAt={org.documentsVerifiedAt} />
        ) : allows(org, 'verifyDocuments') ? (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={verify}>
            核验要件原件
          </Button>
        ) : null}
        {allows(org, 'suspend') && (
          <Button danger icon={<PauseCircleOutlined />} onClick={() => setSuspending(true)}>
            暂停使用
          </Button>
        )}
        {allows(org, 'resume') && (
          <Button icon={<PlayCircleOutlined />} onClick={reactivate}>
            恢复使用
          </Button>
        )}
        {REGISTERING_TYPES.includes(org.type) && hasPermission(session, ['office.accept', 'office.review']) && (
          <Link to={`/office/business?orgId=${org.id}`}>
            <ProfileOutlined /> 查看该机构的业务
          </Link>
        )}
        {hasPermission(session, 'office.audit') && (
          <Link to={`/office/audit?orgId=${org.id}`}>
            <AuditOutlined /> 查看该机构的审计日志
          </Link>
        )}
      </Space>
      {org.status === 'suspended' && (
        <Alert type="error" showIcon title="该机构已暂停使用" description={org.statusReason ? `原因：${org.statusReason}` : undefined} />
      )}
      <Card type="inner" title="机构信息">
        <OrgDescriptions org={org} extraItems={[{ key: 'userCount', label: '用户数', children: `${org.userCount} 个` }]} />
      </Card>
      <LockedUsersCard orgId={org.id} canUnlock={session.isAdmin} />
      <Card type="inner" title="注册要件">
        {readsUploads ? (
          <DocumentGallery documents={org.documents} />
        ) : (
          <Typography.Text type="secondary">当前用户的角色不查阅上传的要件，请由受理员或审核员核验。</Typography.Text>
        )}
      </Card>
      {suspending && (
        <SuspendModal
          org={org}
          onClose={() => setSuspending(false)}
          onDone={(next) => {
            setSuspending(false);
            updated(next, '已暂停该机构的使用，其用户已退出登录');
          }}
        />
      )}
    </Flex>
  );
}
