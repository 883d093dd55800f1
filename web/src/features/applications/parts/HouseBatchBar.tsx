import { App, Button, Flex, Form, Input, Select } from 'antd';
import type { BuildingRow } from '../../../api/types';
import { ELEVATOR_OPTIONS, HOUSE_USES, options, SALES_OPTIONS } from '../../registry/enums';
import type { HouseFields } from '../forms';

type BatchValues = Partial<Pick<HouseFields, 'building' | 'unit' | 'address' | 'use' | 'elevator' | 'salesStatus'>>;

/**
 * 批量修改 (manual §1.3.6 第五步（2）): the filled fields are set on every house of 变更后; empty
 * fields leave the houses as they are.
 */
export function HouseBatchBar({
  buildings,
  count,
  onApply,
}: {
  buildings: BuildingRow[];
  count: number;
  onApply: (patch: Partial<HouseFields>) => void;
}) {
  const [form] = Form.useForm<BatchValues>();
  const { message } = App.useApp();
  const apply = (values: BatchValues) => {
    const patch = Object.fromEntries(
      Object.entries(values).filter(([, v]) => v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '')),
    ) as Partial<HouseFields>;
    if (Object.keys(patch).length === 0) {
      message.warning('请先填写要批量修改的项目');
      return;
    }
    onApply(patch);
    message.success(`已批量修改变更后列表中的 ${count} 套房屋`);
    form.resetFields();
  };
  return (
    <Form<BatchValues> form={form} layout="inline" onFinish={apply} component={false}>
      <Flex wrap gap={8} align="center" role="group" aria-label="批量修改">
        <Form.Item name="building" noStyle>
          <Select
            allowClear
            placeholder="楼幢名称"
            aria-label="楼幢名称"
            style={{ width: 120 }}
            options={buildings.map((b) => ({ value: b.name, label: b.name }))}
          />
        </Form.Item>
        <Form.Item name="unit" noStyle>
          <Input placeholder="单元" aria-label="单元" style={{ width: 100 }} maxLength={20} />
        </Form.Item>
        <Form.Item name="address" noStyle>
          <Input placeholder="地址" aria-label="地址" style={{ width: 220 }} maxLength={200} />
        </Form.Item>
        <Form.Item name="use" noStyle>
          <Select allowClear placeholder="房屋类型" aria-label="房屋类型" style={{ width: 110 }} options={options(HOUSE_USES)} />
        </Form.Item>
        <Form.Item name="elevator" noStyle>
          <Select allowClear placeholder="电梯" aria-label="电梯" style={{ width: 90 }} options={ELEVATOR_OPTIONS} />
        </Form.Item>
        <Form.Item name="salesStatus" noStyle>
          <Select allowClear placeholder="销售状态" aria-label="销售状态" style={{ width: 110 }} options={SALES_OPTIONS} />
        </Form.Item>
        <Button disabled={count === 0} onClick={() => form.submit()}>
          批量修改
        </Button>
      </Flex>
    </Form>
  );
}
