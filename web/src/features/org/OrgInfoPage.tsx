import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Divider, Flex, Form, Input, Row } from 'antd';
import { api, call } from '../../api/client';
import type { OrgInfoBody, OrgView } from '../../api/types';
import { SESSION_KEY } from '../../app/session';
import { DocumentGallery } from '../../components/DocumentGallery';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { PrintButton } from '../../components/PrintButton';
import { VerifiedTag } from '../../components/StatusTags';
import { useFormMutation } from '../../lib/useFormMutation';
import { PAPER_DOCUMENTS_REMINDER } from '../registration/reminders';
import { OWN_ORG_KEY, useOwnOrg } from './api';

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** F-2 信息变更 (manual §1.2.1): edit the organisation's details; saved = effective at once. */
export function OrgInfoPage() {
  const org = useOwnOrg();
  return (
    <Page title="信息变更" extra={<PrintButton path="/print/registration">打印注册登记表</PrintButton>}>
      {org.data ? <OrgInfoForm org={org.data} /> : <LoadingOrError query={org} />}
    </Page>
  );
}

function OrgInfoForm({ org }: { org: OrgView }) {
  const [form] = Form.useForm<OrgInfoBody>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useFormMutation(form, (body: OrgInfoBody) => call(api.PUT('/api/org', { body })), {
    onSuccess: (updated) => {
      queryClient.setQueryData(OWN_ORG_KEY, updated);
      // The header shows the organisation's name from the session.
      queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      message.success('信息变更已保存，立即生效');
    },
  });
  const initialValues: OrgInfoBody = {
    name: org.name,
    contactPerson: org.contactPerson,
    phone: org.phone,
    address: org.address,
    legalRepresentative: org.legalRepresentative,
  };

  return (
    <>
      <FormErrorAlert error={save.error} />
      <Form<OrgInfoBody> form={form} layout="vertical" initialValues={initialValues} onFinish={save.onFinish} style={{ maxWidth: 880 }}>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item label="机构代码" extra="机构代码是登录账号，不能变更">
              <Input value={org.code} disabled aria-label="机构代码" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="机构类型">
              <Input value={org.typeLabel} disabled aria-label="机构类型" />
            </Form.Item>
          </Col>
          {org.area && (
            <Col xs={24} md={12}>
              <Form.Item label="物业区域">
                <Input value={org.area.name} disabled aria-label="物业区域" />
              </Form.Item>
            </Col>
          )}
          {org.registrationNo && (
            <Col xs={24} md={12}>
              <Form.Item label="注册编号">
                <Input value={org.registrationNo} disabled aria-label="注册编号" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name" label="机构名称" rules={required('机构名称')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPerson" label="联系人" rules={required('联系人')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label="联系电话" rules={required('联系电话')} extra="固定电话（如 0750-3123456）或 11 位手机号">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRepresentative" label="法定代表人（负责人）" rules={required('法定代表人（负责人）')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label="地址" rules={required('地址')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>

      <Divider titlePlacement="start">注册要件</Divider>
      <Flex vertical gap={12}>
        <div>
          <VerifiedTag verifiedAt={org.documentsVerifiedAt} />
        </div>
        {!org.documentsVerifiedAt && <Alert type="info" showIcon title={PAPER_DOCUMENTS_REMINDER} />}
        <DocumentGallery documents={org.documents} />
      </Flex>
    </>
  );
}
