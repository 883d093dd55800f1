import { Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { AreaSelect } from '../../registry/AreaSelect';
import { BUILDING_STRUCTURES, ELEVATOR_OPTIONS, options } from '../../registry/enums';
import type { BuildingAfter } from '../forms';

const THIS_YEAR = new Date().getFullYear();

/** 逐个修改楼幢信息: one building's 变更后 values. */
export function BuildingAfterDrawer({
  title,
  after,
  onOk,
  onClose,
}: {
  title: string;
  after: BuildingAfter;
  onOk: (after: BuildingAfter) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<BuildingAfter>();
  return (
    <Drawer
      open
      size={520}
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
      <Form<BuildingAfter> form={form} layout="vertical" initialValues={after} onFinish={onOk}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="楼幢名称" rules={[{ required: true, whitespace: true, message: '请填写楼幢名称' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="areaId" label="物业区域" rules={[{ required: true, message: '请选择物业区域' }]}>
              <AreaSelect aria-label="物业区域" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="builtYear" label="建成年代" rules={[{ required: true, message: '请填写建成年代' }]}>
              <InputNumber min={1900} max={THIS_YEAR + 10} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="structure" label="建筑结构" rules={[{ required: true, message: '请选择建筑结构' }]}>
              <Select options={options(BUILDING_STRUCTURES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="floorsAbove" label="地上层数" rules={[{ required: true, message: '请填写地上层数' }]}>
              <InputNumber min={0} max={200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="floorsBelow" label="地下层数" rules={[{ required: true, message: '请填写地下层数' }]}>
              <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="elevator" label="电梯" rules={[{ required: true, message: '请选择有无电梯' }]}>
              <Select options={ELEVATOR_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
