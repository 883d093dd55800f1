import { SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';
import { usePublicHousePicker } from './usePublicHousePicker';
import { formatArea, formatYuan } from '../../lib/units';

type LookupResult = ApiResponse<'/api/public/fund-lookup', 'post'>;

interface Values {
  areaId: number;
  buildingId: number;
  houseId: number;
  idNumber: string;
}

/**
 * 维修资金查询 (F-72, no login): area → building → house and the owner's ID number; the answer shows
 * masked owners, amount due, deposited, balance and every movement.
 */
export function FundLookupPage() {
  useDocumentTitle('维修资金查询');
  const [form] = Form.useForm<Values>();
  const { areaId, buildingId, areas, buildings, rooms } = usePublicHousePicker(form);
  const lookup = useMutation({
    mutationFn: (v: Values) =>
      call(api.POST('/api/public/fund-lookup', { body: { houseId: v.houseId, idNumber: v.idNumber.trim().toUpperCase() } })),
  });

  return (
    <Row gutter={[24, 24]} justify="center">
      <Col xs={24} lg={20} xl={16}>
        <Card title="维修资金查询">
          <Typography.Paragraph type="secondary">
            请依次选择物业区域、楼幢和房号，并输入该房屋任一业主的证件号码进行查询。为保护个人信息，查询结果中的姓名和证件号码已脱敏显示；频繁查询将被暂时限制。
          </Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" onFinish={(v) => lookup.mutate(v)}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label="物业区域" name="areaId" rules={[{ required: true, message: '请选择物业区域' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="请选择物业区域"
                    loading={areas.isPending}
                    options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                    onChange={() => {
                      form.setFieldsValue({ buildingId: undefined, houseId: undefined });
                      lookup.reset();
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label="楼幢" name="buildingId" rules={[{ required: true, message: '请选择楼幢' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={areaId ? '请选择楼幢' : '请先选择物业区域'}
                    disabled={!areaId}
                    loading={buildings.isFetching}
                    options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                    onChange={() => {
                      form.setFieldValue('houseId', undefined);
                      lookup.reset();
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label="房号" name="houseId" rules={[{ required: true, message: '请选择房号' }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={buildingId ? '请选择房号' : '请先选择楼幢'}
                    disabled={!buildingId}
                    loading={rooms.isFetching}
                    options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.unit} ${r.floor}层 ${r.room}` }))}
                    onChange={() => lookup.reset()}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16} align="bottom">
              <Col xs={24} md={16}>
                <Form.Item
                  label="业主证件号码"
                  name="idNumber"
                  rules={[{ required: true, whitespace: true, message: '请输入业主证件号码' }]}
                >
                  <Input maxLength={30} autoComplete="off" placeholder="该房屋任一业主的证件号码" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={lookup.isPending} block>
                    查询
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {lookup.isError && <Alert type={lookupErrorType(lookup.error)} showIcon role="alert" title={errorMessage(lookup.error)} />}
        </Card>
      </Col>
      {lookup.data && (
        <Col xs={24} lg={20} xl={16}>
          <LookupResultCard r={lookup.data} />
        </Col>
      )}
    </Row>
  );
}

function lookupErrorType(err: unknown): 'warning' | 'error' {
  return err && typeof err === 'object' && 'status' in err && err.status === 429 ? 'warning' : 'error';
}

function LookupResultCard({ r }: { r: LookupResult }) {
  return (
    <Card title="查询结果" data-testid="fund-lookup-result">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'house', label: '房屋', children: `${r.area} ${r.building}${r.unit}${r.room}`, span: 2 },
          { key: 'address', label: '坐落', children: r.address, span: 2 },
          { key: 'area', label: '建筑面积', children: `${formatArea(r.buildingArea)} ㎡` },
          { key: 'owners', label: '业主', children: r.owners.map((o) => `${o.name}（${o.idNumber}）`).join('、') || '—' },
        ]}
      />
      <Row gutter={16} style={{ margin: '20px 0' }}>
        <Col span={8}>
          <Statistic title="应交金额（元）" value={formatYuan(r.amountDue)} />
        </Col>
        <Col span={8}>
          <Statistic title="已交金额（元）" value={formatYuan(r.deposited)} />
        </Col>
        <Col span={8}>
          <Statistic title="余额（元）" value={formatYuan(r.balance)} />
        </Col>
      </Row>
      <Typography.Title level={5}>资金明细</Typography.Title>
      <Table
        rowKey={(m, i) => `${m.at}-${i}`}
        size="small"
        dataSource={r.movements}
        pagination={r.movements.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: '暂无资金记录' }}
        columns={[
          { title: '日期', dataIndex: 'at', render: (t: string) => formatDateTime(t) },
          { title: '类型', dataIndex: 'kindLabel' },
          { title: '业务单号/项目', dataIndex: 'reference' },
          { title: '金额（元）', dataIndex: 'amount', align: 'right', render: (f: number) => formatYuan(f) },
          { title: '余额（元）', dataIndex: 'balance', align: 'right', render: (f: number) => formatYuan(f) },
        ]}
      />
    </Card>
  );
}
