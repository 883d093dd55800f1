import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { earliestDeadline } from '../../../../../server/src/domain/notice-period.ts';
import { PrintButton } from '../../../components/PrintButton';
import { dayjs, PLATFORM_TIME_ZONE, formatDateTime } from '../../../lib/dates';
import { useFormMutation } from '../../../lib/useFormMutation';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { formatYuan } from '../../../lib/units';
import { type NoticeKind, type ProjectSummary, publishNotice, useRefreshProject } from '../api';
import { NOTICE_KIND_LABELS, printPath } from '../labels';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';
import { MergedListTable } from '../editor/MergedListTable';

const KINDS: NoticeKind[] = ['initiation', 'acceptance', 'cancellation'];
const ACTION_OF: Record<NoticeKind, string> = {
  initiation: 'initiation_notice',
  acceptance: 'acceptance_notice',
  cancellation: 'cancellation_notice',
};
const PRINT: Record<NoticeKind, (id: number) => string> = {
  initiation: printPath.initiationNotice,
  acceptance: printPath.acceptanceNotice,
  cancellation: printPath.cancellationNotice,
};
const CONTENT_LABEL: Record<NoticeKind, string> = { initiation: '公示内容', acceptance: '验收内容', cancellation: '撤销原因' };

interface NoticeValues {
  deadline: Dayjs;
  content: string;
}

const today = () => dayjs().tz(PLATFORM_TIME_ZONE).format('YYYY-MM-DD');

/** 发布公示 of one kind: 公示截止日 (at least the minimum period), content, 发布预览, then 发布. */
function PublishForm({ s, projectId, kind }: { s: ProjectSummary; projectId: number; kind: NoticeKind }) {
  const { message } = App.useApp();
  const refresh = useRefreshProject();
  const [form] = Form.useForm<NoticeValues>();
  const [preview, setPreview] = useState<NoticeValues | null>(null);
  const publish = useFormMutation(
    form,
    (v: NoticeValues) => publishNotice(projectId, { kind, deadline: v.deadline.format('YYYY-MM-DD'), content: v.content ?? '' }),
    {
      onSuccess: async () => {
        setPreview(null);
        message.success(`${NOTICE_KIND_LABELS[kind]}已发布，请打印公告并张贴在小区`);
        await refresh();
      },
    },
  );
  const minDays = s.rules.projectNoticeMinDays;
  const earliest = earliestDeadline(today(), minDays);
  return (
    <>
      <FormErrorAlert error={publish.error} />
      <Form
        form={form}
        name={`notice-${kind}`}
        layout="inline"
        initialValues={{ deadline: dayjs(earliest), content: '' }}
        onFinish={(v) => setPreview(v)}
        style={{ rowGap: 12 }}
      >
        <Form.Item
          name="deadline"
          label="公示截止日"
          rules={[{ required: true, message: '请选择公示截止日' }]}
          extra={`公示期自发布次日起算，不少于 ${minDays} 日（最早 ${earliest}）`}
        >
          <DatePicker aria-label="公示截止日" disabledDate={(d) => d.format('YYYY-MM-DD') < earliest} />
        </Form.Item>
        <Form.Item
          name="content"
          label={CONTENT_LABEL[kind]}
          rules={kind === 'cancellation' ? [{ required: true, whitespace: true, message: '请填写撤销原因' }] : []}
          style={{ minWidth: 420 }}
        >
          <Input.TextArea aria-label={CONTENT_LABEL[kind]} rows={2} maxLength={5000} />
        </Form.Item>
        <Button htmlType="submit">发布预览</Button>
      </Form>
      {preview && (
        <Modal
          open
          title={`${NOTICE_KIND_LABELS[kind]}预览`}
          width={900}
          okText="发布"
          cancelText="返回修改"
          confirmLoading={publish.isPending}
          onCancel={() => setPreview(null)}
          onOk={() => publish.mutate(preview, { onSettled: () => setPreview(null) })}
        >
          <Typography.Title level={5} style={{ textAlign: 'center' }}>
            {s.name}
            {NOTICE_KIND_LABELS[kind]}
          </Typography.Title>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="项目编号">{s.no}</Descriptions.Item>
            <Descriptions.Item label="项目类型">{s.typeLabel}</Descriptions.Item>
            <Descriptions.Item label="预算总额">{formatYuan(s.money.budget)} 元</Descriptions.Item>
            {kind === 'acceptance' && (
              <Descriptions.Item label="结算金额">
                {s.money.settlement === null ? '—' : `${formatYuan(s.money.settlement)} 元`}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="公示期">
              {today()} 至 {preview.deadline.format('YYYY-MM-DD')}
            </Descriptions.Item>
            <Descriptions.Item label={CONTENT_LABEL[kind]}>{preview.content || '—'}</Descriptions.Item>
          </Descriptions>
          {kind === 'initiation' && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                预算清册
              </Typography.Title>
              <MergedListTable projectId={projectId} />
            </>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            发布后即在维修资金公众服务平台公示{kind === 'initiation' ? '，并附预算清册' : kind === 'acceptance' ? '，并附决算清册' : ''}
            ；发布后不能撤回。
          </Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}

/** 公示管理 (manual §1.3.1 第二步, 第八步; §1.3.5): 立项公示, 验收公示, 撤销公示 — each published here. */
export function NoticePage() {
  const [params] = useSearchParams();
  const focus = params.get('kind');
  return (
    <ActionFrame title="公示管理">
      {(s, id) => (
        <Flex vertical gap={16}>
          {KINDS.map((kind) => {
            const action = actionOf(s, ACTION_OF[kind]);
            const published = s.notices.filter((n) => n.kind === kind);
            return (
              <Card
                key={kind}
                data-testid={`notice-${kind}`}
                size="small"
                title={NOTICE_KIND_LABELS[kind]}
                style={focus === kind ? { borderColor: '#1677ff' } : undefined}
                extra={published.length > 0 && <PrintButton path={PRINT[kind](id)}>打印公告</PrintButton>}
              >
                <Flex vertical gap={12}>
                  {published.length > 0 && (
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={published}
                      columns={[
                        { title: '公示编号', dataIndex: 'no', width: 170 },
                        { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: formatDateTime },
                        { title: '公示截止日', dataIndex: 'deadline', width: 110 },
                        { title: CONTENT_LABEL[kind], dataIndex: 'content', ellipsis: true },
                      ]}
                    />
                  )}
                  {action?.allowed ? <PublishForm s={s} projectId={id} kind={kind} /> : <BlockedAlert action={action} />}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
    </ActionFrame>
  );
}
