import { App, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import type { PublicArea, RegistrationRequirements, RegistrationType } from '../../api/types';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { FullPageSpin } from '../../app/guards';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorMessage } from '../../lib/serverErrors';
import { useFormMutation } from '../../lib/useFormMutation';
import { AgreementModal } from './AgreementModal';
import { type RegistrationData, fetchCodeSuggestion, submitRegistration, usePublicAreas, useRegistrationRequirements } from './api';
import { chosenFile, DocumentUploads, documentField } from './DocumentUploads';
import { RegistrationSteps } from './RegistrationSteps';

/** The agreement opens as a dialog over the form at `#agreement`, so it is a real link. */
const AGREEMENT_HASH = 'agreement';

const TITLES: Record<RegistrationType, string> = { committee: '业主委员会注册', developer: '开发建设单位注册' };

type DocumentFields = { [field: `doc_${string}`]: Parameters<typeof chosenFile>[0] };
type FormValues = Omit<RegistrationData, 'type' | 'agreementAccepted'> & {
  confirmPassword: string;
  agreementAccepted?: boolean;
} & DocumentFields;

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** Manual §1.1 第二步 → 第四步. */
export function RegistrationPage() {
  const { type } = useParams();
  if (type !== 'committee' && type !== 'developer') return <Navigate to="/register" replace />;
  return <RegistrationLoader key={type} type={type} />;
}

function RegistrationLoader({ type }: { type: RegistrationType }) {
  useDocumentTitle(TITLES[type]);
  const requirements = useRegistrationRequirements(type);
  if (requirements.isPending) return <FullPageSpin />;
  if (requirements.isError) return <FormErrorAlert error={requirements.error} title="无法加载注册要求" />;
  return <RegistrationForm type={type} requirements={requirements.data} />;
}

function toRegistrationData(type: RegistrationType, values: FormValues): RegistrationData {
  return {
    type,
    name: values.name,
    code: values.code,
    contactPerson: values.contactPerson,
    phone: values.phone,
    address: values.address,
    legalRepresentative: values.legalRepresentative,
    areaId: type === 'committee' ? values.areaId : undefined,
    adminUsername: values.adminUsername,
    adminName: values.adminName,
    adminMobile: values.adminMobile,
    password: values.password,
    agreementAccepted: values.agreementAccepted === true,
  };
}

function RegistrationForm({ type, requirements }: { type: RegistrationType; requirements: RegistrationRequirements }) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const location = useLocation();
  const agreementOpen = location.hash === `#${AGREEMENT_HASH}`;
  const closeAgreement = () => navigate({ search: location.search, hash: '' }, { replace: true });

  const submit = useFormMutation(
    form,
    (values: FormValues) => {
      const files = new Map<string, File>();
      for (const d of requirements.documents) {
        const file = chosenFile(values[documentField(d.kind)]);
        if (file) files.set(d.kind, file);
      }
      return submitRegistration(toRegistrationData(type, values), files);
    },
    { onSuccess: (result) => navigate('/registered', { state: result, replace: true }) },
  );

  const acceptAgreement = () => {
    form.setFieldValue('agreementAccepted', true);
    form.validateFields(['agreementAccepted']);
    closeAgreement();
  };

  return (
    <Card>
      <RegistrationSteps current={1} />
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {TITLES[type]}
      </Typography.Title>
      <FormErrorAlert error={submit.error} title="注册未成功，请按提示修改后重新提交" />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ adminUsername: 'admin' }}
        onFinish={submit.onFinish}
        scrollToFirstError={{ block: 'center' }}
      >
        <Divider titlePlacement="start">机构信息</Divider>
        {type === 'committee' && (
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <AreaField form={form} />
            </Col>
          </Row>
        )}
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="机构名称" rules={required('机构名称')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <OrgCodeField form={form} type={type} />
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
            <Form.Item name="address" label="地址" rules={required('地址')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRepresentative" label="法定代表人（负责人）" rules={required('法定代表人（负责人）')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">管理员账号</Divider>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="adminUsername" label="管理员用户名" rules={required('管理员用户名')} extra="登录时与机构代码一起使用">
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="adminName" label="管理员姓名" rules={required('管理员姓名')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="adminMobile" label="管理员手机号" rules={required('管理员手机号')}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]} extra={requirements.passwordRule}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <ConfirmPasswordField passwordField="password" />
          </Col>
        </Row>

        <Divider titlePlacement="start">上传要件</Divider>
        <DocumentUploads documents={requirements.documents} rule={requirements.documentRule} />

        <Divider titlePlacement="start">机构注册协议</Divider>
        <Typography.Paragraph type="secondary">注：提交前请先阅读机构注册协议。</Typography.Paragraph>
        <Form.Item
          name="agreementAccepted"
          valuePropName="checked"
          rules={[
            {
              validator: (_, accepted?: boolean) =>
                accepted ? Promise.resolve() : Promise.reject(new Error('请先阅读并同意《机构注册协议》')),
            },
          ]}
        >
          <Checkbox>
            我已阅读并同意
            <Link to={{ hash: AGREEMENT_HASH }}>《机构注册协议》</Link>
          </Checkbox>
        </Form.Item>

        <Space size="middle">
          <Button type="primary" htmlType="submit" size="large" loading={submit.isPending}>
            提交
          </Button>
          <Button size="large" onClick={() => navigate('/register')}>
            重新选择注册类型
          </Button>
        </Space>
      </Form>
      <AgreementModal open={agreementOpen} text={requirements.agreement} onClose={closeAgreement} onAccept={acceptAgreement} />
    </Card>
  );
}

const areaOption = (a: PublicArea) => ({
  value: a.id,
  label: a.hasCommittee ? `${a.name}（${a.district}）— 已有业主委员会，注册即为换届申请` : `${a.name}（${a.district}）`,
});

/** A committee is bound to exactly one property area; for an area that has one, registering asks for a handover. */
function AreaField({ form }: { form: ReturnType<typeof Form.useForm<FormValues>>[0] }) {
  const areas = usePublicAreas();
  const onChange = (areaId: number) => {
    const area = areas.data?.items.find((a) => a.id === areaId);
    if (area && !form.getFieldValue('name')) form.setFieldValue('name', `${area.name}业主委员会`);
  };
  return (
    <Form.Item
      name="areaId"
      label="物业区域"
      rules={[{ required: true, message: '请选择物业区域' }]}
      extra="每个物业区域只有一个业主委员会；已有业主委员会的区域，注册后须经维修资金管理部门审核换届申请方可登录"
      validateStatus={areas.isError ? 'error' : undefined}
      help={areas.isError ? errorMessage(areas.error) : undefined}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="请选择本业主委员会所在的物业区域"
        loading={areas.isPending}
        options={areas.data?.items.map(areaOption)}
        onChange={onChange}
      />
    </Form.Item>
  );
}

const CODE_HELP = '有《组织机构代码证》的填写组织机构代码证号，无的由业委会根据物业区域名称用汉语拼音编号';
const DEVELOPER_CODE_HELP = '填写统一社会信用代码（或组织机构代码证号）';

/** 机构代码 is the login account; a committee without a certificate may take the pinyin suggestion. */
function OrgCodeField({ form, type }: { form: ReturnType<typeof Form.useForm<FormValues>>[0]; type: RegistrationType }) {
  const { message } = App.useApp();
  const areaId = Form.useWatch('areaId', form);
  const [suggesting, setSuggesting] = useState(false);
  const suggest = async () => {
    if (!areaId) return;
    setSuggesting(true);
    try {
      form.setFieldValue('code', await fetchCodeSuggestion(areaId));
      await form.validateFields(['code']);
    } catch (err) {
      if (err instanceof Error) message.error(errorMessage(err));
    } finally {
      setSuggesting(false);
    }
  };
  return (
    <Form.Item
      label="机构代码"
      required
      extra={<>{type === 'committee' ? CODE_HELP : DEVELOPER_CODE_HELP}。机构代码是本机构的登录账号。</>}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="code" noStyle rules={required('机构代码')} normalize={(v?: string) => v?.toUpperCase()}>
          <Input maxLength={32} aria-label="机构代码" />
        </Form.Item>
        {type === 'committee' && (
          <Button onClick={suggest} loading={suggesting} disabled={!areaId}>
            按物业区域名称生成拼音代码
          </Button>
        )}
      </Space.Compact>
    </Form.Item>
  );
}
