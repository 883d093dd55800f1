import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import type { ApiResponse } from '../../api/types';
import { hasPermission, useCurrentSession } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { OrgStatusTag, VerifiedTag } from '../../components/StatusTags';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { useFormMutation } from '../../lib/useFormMutation';
import { OFFICE_ORGS_KEY, organisationActions, useHandovers } from './api';

type Handover = ApiResponse<'/api/office/handovers'>['items'][number];
type Side = Handover['candidate'];

function SideCard({ title, org }: { title: string; org: Side | null }) {
  return (
    <Card size="small" title={title} style={{ flex: 1, minWidth: 300 }}>
      {org ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: '名称', children: `${org.name}（${org.code}）` },
            { key: 'status', label: '状态', children: <OrgStatusTag status={org.status} /> },
            { key: 'person', label: '负责人', children: org.legalRepresentative },
            { key: 'contact', label: '联系人', children: `${org.contactPerson} ${org.phone}` },
            { key: 'docs', label: '要件原件', children: <VerifiedTag verifiedAt={org.documentsVerifiedAt} /> },
            { key: 'at', label: '注册时间', children: formatDateTime(org.createdAt) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">无</Typography.Text>
      )}
    </Card>
  );
}

function RejectModal({ handover, onClose, onDone }: { handover: Handover; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useFormMutation(
    form,
    ({ reason }: { reason: string }) => organisationActions.rejectHandover(handover.candidate.id, reason),
    {
      onSuccess: onDone,
    },
  );
  return (
    <Modal
      open
      title="驳回换届申请"
      okText="驳回"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={reject.isPending}
      onCancel={onClose}
    >
      <FormErrorAlert error={reject.error} />
      <Form form={form} layout="vertical" onFinish={reject.onFinish}>
        <Form.Item name="reason" label="驳回原因" rules={[{ required: true, whitespace: true, message: '请填写驳回原因' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="该原因会在申请机构登录时显示" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 换届申请: a committee registered for an area that has one waits here. The office compares the
 * current and the new committee, then approves (the current one is retired) or rejects.
 */
export function HandoverRequests() {
  const handovers = useHandovers();
  // Deciding a handover retires a committee: the office's administrator does it; others see the request.
  const decides = hasPermission(useCurrentSession(), 'office.suspend');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<Handover | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: OFFICE_ORGS_KEY });
  const approve = useMutation({
    mutationFn: (id: number) => organisationActions.approveHandover(id),
    onSuccess: (org) => {
      message.success(`${org.name}的换届申请已审核通过`);
      void refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const items = handovers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={`换届申请（${items.length}）`} size="small" style={{ marginBottom: 16 }}>
      {items.map((h) => (
        <div key={h.candidate.id} style={{ marginBottom: 16 }} data-testid="handover-request">
          <Typography.Paragraph strong>物业区域：{h.area.name}</Typography.Paragraph>
          <Flex gap={12} wrap>
            <SideCard title="现任业主委员会" org={h.current} />
            <SideCard title="申请接任的业主委员会" org={h.candidate} />
          </Flex>
          {decides ? (
            <Flex gap={8} style={{ marginTop: 8 }}>
              <Popconfirm
                title="换届审核通过"
                description="现任业主委员会将卸任且不能再登录，物业区域及其维修项目转由新一届业主委员会办理。"
                okText="通过"
                onConfirm={() => approve.mutate(h.candidate.id)}
              >
                <Button type="primary" loading={approve.isPending}>
                  审核通过
                </Button>
              </Popconfirm>
              <Button danger onClick={() => setRejecting(h)}>
                驳回
              </Button>
            </Flex>
          ) : (
            <Typography.Text type="secondary">换届申请由本中心管理员审核。</Typography.Text>
          )}
        </div>
      ))}
      {rejecting && (
        <RejectModal
          handover={rejecting}
          onClose={() => setRejecting(null)}
          onDone={() => {
            setRejecting(null);
            message.success('换届申请已驳回');
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
