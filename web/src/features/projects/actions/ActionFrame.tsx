import { Alert, ConfigProvider, Descriptions, Flex } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { hasPermission, useCurrentSession } from '../../../app/session';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { Page } from '../../../components/Page';
import { formatYuan } from '../../../lib/units';
import { type ProjectAction, type ProjectSummary, useProjectSummary } from '../api';

/** Why an action cannot be taken now, in the rule's words. */
export function BlockedAlert({ action }: { action?: ProjectAction }) {
  if (!action || action.allowed || !action.blockedBy) return null;
  return <Alert type="warning" showIcon title={`暂不能办理${action.label}`} description={action.blockedBy.message} />;
}

interface ActionFrameProps {
  title: string;
  children: (summary: ProjectSummary, projectId: number) => ReactNode;
}

/** One step's page of a project (公示管理, 投票表决管理, 项目立项…): the project's header, then the step. */
export function ActionFrame({ title, children }: ActionFrameProps) {
  const id = Number(useParams().id);
  const summary = useProjectSummary(id);
  // Every step here is submitted by 主任 or 委员: a 经办人 sees the step, disabled, and why, before typing anything.
  const canSubmit = hasPermission(useCurrentSession(), 'project.submit');
  return (
    <Page
      title={title}
      extra={
        <Flex gap={16}>
          <Link to={`/repair/projects/${id}`}>项目概况</Link>
          <Link to="/repair/projects">返回维修项目列表</Link>
        </Flex>
      }
    >
      {summary.data ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={4} bordered>
            <Descriptions.Item label="项目编号">{summary.data.no}</Descriptions.Item>
            <Descriptions.Item label="项目名称">{summary.data.name}</Descriptions.Item>
            <Descriptions.Item label="项目类型">{summary.data.typeLabel}</Descriptions.Item>
            <Descriptions.Item label="预算总额">{formatYuan(summary.data.money.budget)} 元</Descriptions.Item>
          </Descriptions>
          {!canSubmit && (
            <Alert
              type="info"
              showIcon
              data-testid="no-submit-permission"
              title={`您的角色不能办理${title}`}
              description="经办人可以查看项目、准备和上传材料；发布公示、录入表决结果、提交申请、项目验收和清退须由主任或委员办理。"
            />
          )}
          <ConfigProvider componentDisabled={!canSubmit}>{children(summary.data, id)}</ConfigProvider>
        </Flex>
      ) : (
        <LoadingOrError query={summary} />
      )}
    </Page>
  );
}

export const actionOf = (s: ProjectSummary, name: string) => s.actions.find((a) => a.action === name);
