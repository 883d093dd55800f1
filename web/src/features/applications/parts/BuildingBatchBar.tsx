import { App, Button, Flex, Form, InputNumber, Select } from 'antd';
import { AreaSelect } from '../../registry/AreaSelect';
import { BUILDING_STRUCTURES, options } from '../../registry/enums';
import type { BuildingAfter } from '../forms';

type BatchValues = Partial<Pick<BuildingAfter, 'areaId' | 'builtYear' | 'structure'>>;
const THIS_YEAR = new Date().getFullYear();

/** 批量修改 (manual §1.3.3 第五步（1）): 物业区域, 建成年代, 建筑结构 for every picked building. */
export function BuildingBatchBar({ count, onApply }: { count: number; onApply: (patch: Partial<BuildingAfter>) => void }) {
  const [form] = Form.useForm<BatchValues>();
  const { message } = App.useApp();
  const apply = (values: BatchValues) => {
    const patch = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null)) as Partial<BuildingAfter>;
    if (Object.keys(patch).length === 0) {
      message.warning('请先填写要批量修改的项目');
      return;
    }
    onApply(patch);
    message.success(`已批量修改变更后列表中的 ${count} 幢楼`);
    form.resetFields();
  };
  return (
    <Form<BatchValues> form={form} layout="inline" onFinish={apply} component={false}>
      <Flex wrap gap={8} align="center" role="group" aria-label="批量修改">
        <Form.Item name="areaId" noStyle>
          <AreaSelect aria-label="物业区域" allowClear placeholder="物业区域" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="builtYear" noStyle>
          <InputNumber min={1900} max={THIS_YEAR + 10} precision={0} placeholder="建成年代" aria-label="建成年代" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="structure" noStyle>
          <Select allowClear placeholder="建筑结构" aria-label="建筑结构" style={{ width: 180 }} options={options(BUILDING_STRUCTURES)} />
        </Form.Item>
        <Button disabled={count === 0} onClick={() => form.submit()}>
          批量修改
        </Button>
      </Flex>
    </Form>
  );
}
