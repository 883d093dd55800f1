import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, List, Row, Select, Space, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, call, setCsrfToken } from '../../api/client';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorMessage, showFieldErrors } from '../../lib/serverErrors';
import { formatYuan } from '../../lib/units';
import { OwnerVoteSection } from '../owner-vote/OwnerVoteSection';

const OWNER_SESSION = ['owner', 'session'] as const;
const PASSWORD_HINT = '至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类';

interface BindValues {
  areaId: number;
  buildingId: number;
  houseId: number;
  idNumber: string;
  code: string;
  password: string;
  confirm: string;
}

/** 业主身份绑定 (F-80): the house as the fund lookup picks it, the ID number on record, the letter's code, a password. */
export function OwnerBindPage() {
  useDocumentTitle('业主身份绑定');
  const [form] = Form.useForm<BindValues>();
  const navigate = useNavigate();
  const areaId = Form.useWatch('areaId', form);
  const buildingId = Form.useWatch('buildingId', form);
  const areas = useQuery({ queryKey: ['public', 'areas'], queryFn: () => call(api.GET('/api/public/areas')) });
  const buildings = useQuery({
    queryKey: ['public', 'areas', areaId, 'buildings'],
    queryFn: () => call(api.GET('/api/public/areas/{id}/buildings', { params: { path: { id: areaId } } })),
    enabled: !!areaId,
  });
  const rooms = useQuery({
    queryKey: ['public', 'buildings', buildingId, 'rooms'],
    queryFn: () => call(api.GET('/api/public/buildings/{id}/rooms', { params: { path: { id: buildingId } } })),
    enabled: !!buildingId,
  });
  const bind = useMutation({
    mutationFn: (v: BindValues) =>
      call(
        api.POST('/api/owner/bind', {
          body: { houseId: v.houseId, idNumber: v.idNumber.trim(), code: v.code.trim(), password: v.password },
        }),
      ),
    onSuccess: () => navigate('/owner/login', { state: { bound: true, idNumber: form.getFieldValue('idNumber') } }),
    onError: (err) => showFieldErrors(form, err),
  });
  return (
    <Row justify="center">
      <Col xs={24} md={16} lg={12}>
        <Card title="业主身份绑定">
          <Typography.Paragraph type="secondary">
            请按《业主告知书》选择房屋，输入登记在该房屋下的证件号码和告知书上的绑定码，并设置登录密码。绑定码只能使用一次；同一房屋每天最多可尝试
            5 次。
          </Typography.Paragraph>
          <Form<BindValues> form={form} layout="vertical" onFinish={(v) => bind.mutate(v)}>
            <Form.Item label="物业区域" name="areaId" rules={[{ required: true, message: '请选择物业区域' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择物业区域"
                options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                onChange={() => form.setFieldsValue({ buildingId: undefined, houseId: undefined })}
              />
            </Form.Item>
            <Form.Item label="楼幢" name="buildingId" rules={[{ required: true, message: '请选择楼幢' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={areaId ? '请选择楼幢' : '请先选择物业区域'}
                disabled={!areaId}
                options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                onChange={() => form.setFieldValue('houseId', undefined)}
              />
            </Form.Item>
            <Form.Item label="房号" name="houseId" rules={[{ required: true, message: '请选择房号' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={buildingId ? '请选择房号' : '请先选择楼幢'}
                disabled={!buildingId}
                options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.unit} ${r.floor}层 ${r.room}` }))}
              />
            </Form.Item>
            <Form.Item
              label="证件号码"
              name="idNumber"
              rules={[{ required: true, whitespace: true, message: '请输入登记在该房屋下的证件号码' }]}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
            <Form.Item label="绑定码" name="code" rules={[{ required: true, whitespace: true, message: '请输入业主告知书上的绑定码' }]}>
              <Input maxLength={20} autoComplete="off" placeholder="例如 ACDE-FG34" />
            </Form.Item>
            <Form.Item label="登录密码" name="password" extra={PASSWORD_HINT} rules={[{ required: true, message: '请设置登录密码' }]}>
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
            <Form.Item
              label="确认密码"
              name="confirm"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入登录密码' },
                ({ getFieldValue }) => ({
                  validator: (_r, v) =>
                    !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
            {bind.isError && <Alert type="error" showIcon role="alert" title={errorMessage(bind.error)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={bind.isPending} block>
              绑定
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 16 }}>
            已绑定？<Link to="/owner/login">业主登录</Link>
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

interface LoginValues {
  idNumber: string;
  password: string;
}

/** 业主登录 (F-80): ID number + password. */
export function OwnerLoginPage() {
  useDocumentTitle('业主登录');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (v: LoginValues) => call(api.POST('/api/owner/login', { body: { idNumber: v.idNumber.trim(), password: v.password } })),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      queryClient.setQueryData(OWNER_SESSION, s);
      navigate('/owner');
    },
  });
  return (
    <Row justify="center">
      <Col xs={24} md={12} lg={8}>
        <Card title="业主登录" data-testid="owner-login">
          <Form<LoginValues> layout="vertical" onFinish={(v) => login.mutate(v)}>
            <Form.Item label="证件号码" name="idNumber" rules={[{ required: true, whitespace: true, message: '请输入证件号码' }]}>
              <Input maxLength={30} autoComplete="username" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password maxLength={128} autoComplete="current-password" />
            </Form.Item>
            {login.isError && <Alert type="error" showIcon role="alert" title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={login.isPending} block>
              登录
            </Button>
          </Form>
          <Typography.Paragraph style={{ marginTop: 16 }}>
            首次使用？凭《业主告知书》<Link to="/owner/bind">绑定身份</Link>
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

/** 我的房屋: the houses bound to the owner with amount due, deposited and balance. */
export function OwnerHomePage() {
  useDocumentTitle('我的房屋');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: OWNER_SESSION,
    queryFn: async () => {
      const s = await call(api.GET('/api/owner/session'));
      setCsrfToken(s.csrfToken);
      return s;
    },
    retry: false,
  });
  const houses = useQuery({
    queryKey: ['owner', 'houses'],
    queryFn: () => call(api.GET('/api/owner/houses')),
    enabled: session.isSuccess,
  });
  const logout = useMutation({
    mutationFn: () => call(api.POST('/api/owner/logout')),
    onSettled: () => {
      queryClient.removeQueries({ queryKey: ['owner'] });
      navigate('/owner/login');
    },
  });
  if (session.isError) {
    return (
      <Row justify="center">
        <Col xs={24} md={12}>
          <Alert type="info" showIcon title={errorMessage(session.error)} action={<Link to="/owner/login">业主登录</Link>} />
        </Col>
      </Row>
    );
  }
  return (
    <Row justify="center">
      <Col xs={24} md={18} lg={14}>
        <Card
          title="我的房屋"
          loading={session.isPending}
          extra={
            <Space>
              <span>{session.data?.owner.name}</span>
              <Button size="small" onClick={() => logout.mutate()}>
                退出
              </Button>
            </Space>
          }
        >
          <List
            loading={houses.isPending}
            dataSource={houses.data?.items ?? []}
            locale={{ emptyText: '暂无绑定的房屋' }}
            renderItem={(h) => (
              <List.Item data-testid="owner-house">
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>{`${h.area} ${h.building}${h.unit}${h.room}`}</Typography.Text>
                  <Typography.Text type="secondary">{h.address}</Typography.Text>
                  <Row gutter={12}>
                    <Col span={8}>
                      <Statistic title="应交（元）" value={formatYuan(h.amountDue)} />
                    </Col>
                    <Col span={8}>
                      <Statistic title="已交（元）" value={formatYuan(h.deposited)} />
                    </Col>
                    <Col span={8}>
                      <Statistic title="余额（元）" value={formatYuan(h.balance)} />
                    </Col>
                  </Row>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <OwnerVoteSection enabled={session.isSuccess} />
      </Col>
    </Row>
  );
}
