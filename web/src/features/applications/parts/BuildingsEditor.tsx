import { App, Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { BUILDING_STRUCTURES, ELEVATOR_OPTIONS, options } from '../../registry/enums';

const THIS_YEAR = new Date().getFullYear();

/**
 * 楼幢: the buildings named by the imported houses, added by the import with defaults the clerk
 * corrects here (地上层数, 地下层数, 建成年代, 建筑结构, 电梯). Saved with the form.
 */
export function BuildingsEditor({ emptyText }: { emptyText: string }) {
  const form = Form.useFormInstance();
  const { modal } = App.useApp();
  const nameAt = (i: number): string => form.getFieldValue(['buildings', i, 'name']) ?? '';
  const cell = { style: { margin: 0 } };
  return (
    <Form.List name="buildings">
      {(fields, { remove }) => (
        <section aria-label="楼幢列表">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={fields}
            locale={{ emptyText }}
            scroll={{ x: 900 }}
            columns={[
              {
                title: '楼幢名称',
                key: 'name',
                width: 140,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'name']} {...cell}>
                    <Input variant="borderless" readOnly aria-label="楼幢名称" />
                  </Form.Item>
                ),
              },
              {
                title: '地上层数',
                key: 'floorsAbove',
                width: 110,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'floorsAbove']} rules={[{ required: true, message: '请填写地上层数' }]} {...cell}>
                    <InputNumber min={0} max={200} precision={0} aria-label={`${nameAt(f.name)}地上层数`} />
                  </Form.Item>
                ),
              },
              {
                title: '地下层数',
                key: 'floorsBelow',
                width: 110,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'floorsBelow']} rules={[{ required: true, message: '请填写地下层数' }]} {...cell}>
                    <InputNumber min={0} max={20} precision={0} aria-label={`${nameAt(f.name)}地下层数`} />
                  </Form.Item>
                ),
              },
              {
                title: '建成年代',
                key: 'builtYear',
                width: 120,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'builtYear']} rules={[{ required: true, message: '请填写建成年代' }]} {...cell}>
                    <InputNumber min={1900} max={THIS_YEAR + 10} precision={0} aria-label={`${nameAt(f.name)}建成年代`} />
                  </Form.Item>
                ),
              },
              {
                title: '建筑结构',
                key: 'structure',
                width: 190,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'structure']} rules={[{ required: true, message: '请选择建筑结构' }]} {...cell}>
                    <Select options={options(BUILDING_STRUCTURES)} aria-label={`${nameAt(f.name)}建筑结构`} style={{ width: 170 }} />
                  </Form.Item>
                ),
              },
              {
                title: '电梯',
                key: 'elevator',
                width: 100,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'elevator']} rules={[{ required: true, message: '请选择有无电梯' }]} {...cell}>
                    <Select options={ELEVATOR_OPTIONS} aria-label={`${nameAt(f.name)}电梯`} style={{ width: 80 }} />
                  </Form.Item>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 80,
                render: (_, f) => (
                  <Button
                    type="link"
                    danger
                    size="small"
                    onClick={async () => {
                      const ok = await modal.confirm({
                        title: `删除楼幢 ${nameAt(f.name)}？`,
                        content: '仅当导入的房屋中已没有该楼幢时删除；否则提交时会提示缺少楼幢信息。',
                        okText: '删除',
                        okButtonProps: { danger: true },
                        cancelText: '取消',
                      });
                      if (ok) remove(f.name);
                    }}
                  >
                    删除
                  </Button>
                ),
              },
            ]}
          />
        </section>
      )}
    </Form.List>
  );
}
