import { Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import type { BuildingRow } from '../../../api/types';
import { areaRules, formatArea, formatOptionalArea, parseArea } from '../../../lib/units';
import { ELEVATOR_OPTIONS, HOUSE_USES, options, SALES_OPTIONS } from '../../registry/enums';
import type { HouseFields } from '../forms';

type Values = Omit<HouseFields, 'buildingArea' | 'innerArea'> & { buildingArea: string; innerArea: string };

interface HouseAfterDrawerProps {
  title: string;
  after: HouseFields;
  buildings: BuildingRow[];
  onOk: (after: HouseFields) => void;
  onClose: () => void;
}

/** 逐条变更: one house's 变更后 values; areas are typed as decimals and kept as hundredths. */
export function HouseAfterDrawer({ title, after, buildings, onOk, onClose }: HouseAfterDrawerProps) {
  const [form] = Form.useForm<Values>();
  const initial: Values = { ...after, buildingArea: formatArea(after.buildingArea), innerArea: formatOptionalArea(after.innerArea) };
  const finish = (v: Values) =>
    onOk({
      ...v,
      unit: v.unit ?? '',
      buildingArea: parseArea(v.buildingArea) ?? after.buildingArea,
      innerArea: v.innerArea?.trim() ? (parseArea(v.innerArea) ?? 0) : 0,
    });
  return (
    <Drawer
      open
      size={560}
      title={`修改变更后信息：${title}`}
      onClose={onClose}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => form.submit()}>
            确定
          </Button>
        </Flex>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={finish}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="building" label="楼幢名称" rules={[{ required: true, message: '请选择楼幢' }]}>
              <Select options={buildings.map((b) => ({ value: b.name, label: b.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unit" label="单元">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="floor"
              label="楼层"
              rules={[
                { required: true, message: '请填写楼层' },
                { validator: (_, v?: number) => (v === 0 ? Promise.reject(new Error('楼层不能为 0，地下层为负数')) : Promise.resolve()) },
              ]}
            >
              <InputNumber precision={0} min={-20} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="room" label="房号" rules={[{ required: true, whitespace: true, message: '请填写房号' }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="地址" rules={[{ required: true, whitespace: true, message: '请填写地址' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="buildingArea" label="建筑面积（㎡）" rules={areaRules('建筑面积')}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="innerArea"
              label="套内面积（㎡）"
              dependencies={['buildingArea']}
              rules={[
                ...areaRules('套内面积', true),
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => {
                    const inner = v?.trim() ? parseArea(v) : 0;
                    const total = parseArea(getFieldValue('buildingArea') ?? '');
                    return inner !== null && total !== null && inner > total
                      ? Promise.reject(new Error('套内面积不能大于建筑面积'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="use" label="房屋类型" rules={[{ required: true, message: '请选择房屋类型' }]}>
              <Select options={options(HOUSE_USES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="elevator" label="电梯" rules={[{ required: true, message: '请选择有无电梯' }]}>
              <Select options={ELEVATOR_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="salesStatus" label="销售状态" rules={[{ required: true, message: '请选择销售状态' }]}>
              <Select options={SALES_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
