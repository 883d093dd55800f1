import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { usePublicHousePicker } from '../portal/usePublicHousePicker';
import { errorMessage, showFieldErrors } from '../../lib/serverErrors';

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
  // The letter's QR code names its house (?area=&building=&house=): the owner need not pick it.
  const [params] = useSearchParams();
  const { areaId, buildingId, areas, buildings, rooms } = usePublicHousePicker(form);
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
          <Form<BindValues> form={form} layout="vertical" initialValues={chosenHouse(params)} onFinish={(v) => bind.mutate(v)}>
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

/** The house the letter's QR code names, as the form's first values; nothing when any id is missing. */
export function chosenHouse(params: URLSearchParams): Partial<BindValues> {
  const ids = ['area', 'building', 'house'].map((k) => Number(params.get(k)));
  if (!ids.every((n) => Number.isSafeInteger(n) && n > 0)) return {};
  const [areaId, buildingId, houseId] = ids;
  return { areaId, buildingId, houseId };
}
