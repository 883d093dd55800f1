import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { usePagedQuery } from '../../../lib/paging';
import { errorMessage, showFieldErrors } from '../../../lib/serverErrors';
import { createFacility, FACILITIES_KEY, type Facility, fetchFacilities, useFacilityTypes, useLocationTree } from '../../facilities/api';
import { AREA_KEY, LocationTree, locationName } from '../../facilities/LocationTree';
import { SELECT_PAGE_LABEL } from '../../../lib/selection';

interface FacilityPickerModalProps {
  areaId: number;
  /** Facilities already in the project: shown ticked and not picked twice. */
  taken: ReadonlySet<number>;
  onOk: (picked: Facility[]) => void;
  onCancel: () => void;
}

interface NewFacility {
  name: string;
  typeId?: number;
}

/**
 * 请选择设施设备 (manual §1.3.1 第一步 三、1): the installation location on the left, the type above
 * the list; several may be ticked, across places and pages, before 确定. A facility missing from
 * the registry is added on the spot at the chosen place (添加设备, F-30).
 */
export function FacilityPickerModal({ areaId, taken, onOk, onCancel }: FacilityPickerModalProps) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [location, setLocation] = useState(AREA_KEY);
  const [typeId, setTypeId] = useState<number>();
  const [within, setWithin] = useState(true);
  const [picked, setPicked] = useState<ReadonlyMap<number, Facility>>(new Map());
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<NewFacility>();
  const types = useFacilityTypes();
  const tree = useLocationTree(areaId);
  const {
    query: list,
    pagination,
    firstPage,
  } = usePagedQuery({
    queryKey: [...FACILITIES_KEY, 'list', 'picker', areaId, location, typeId, within],
    fetchPage: (paging) => fetchFacilities(areaId, { ...paging, location, typeId, within: within ? '1' : undefined }),
    pageSize: 10,
  });

  const toggle = (rows: Facility[], on: boolean) =>
    setPicked((prev) => {
      const next = new Map(prev);
      for (const f of rows) {
        if (on) next.set(f.id, f);
        else next.delete(f.id);
      }
      return next;
    });

  const add = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const f = await createFacility(areaId, {
        name: values.name,
        typeId: values.typeId ?? 0,
        brandModel: '',
        installDate: null,
        quantity: 1,
        remark: '',
        location,
      });
      message.success(`已添加设施设备“${f.name}”`);
      toggle([f], true);
      form.resetFields();
      setAdding(false);
      await queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
    } catch (err) {
      if (showFieldErrors(form, err) === 0) message.error(errorMessage(err));
    }
  };

  const typeOptions = (types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }));
  return (
    <Modal
      open
      title="请选择设施设备"
      width={1100}
      onCancel={onCancel}
      mask={{ closable: false }}
      okText={`确定（已选 ${picked.size} 项）`}
      cancelText="取消"
      okButtonProps={{ disabled: picked.size === 0 }}
      onOk={() => onOk([...picked.values()])}
    >
      <Flex gap={16} align="start">
        <Card
          size="small"
          title="安装位置"
          style={{ width: 250, flex: 'none' }}
          styles={{ body: { padding: 8, maxHeight: 480, overflow: 'auto' } }}
        >
          <LocationTree
            areaId={areaId}
            typeId={typeId}
            value={location}
            onChange={(key) => {
              setLocation(key);
              firstPage();
            }}
          />
        </Card>
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={12} wrap align="center">
            <Select
              aria-label="设施设备类型"
              placeholder="全部类型"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={typeId}
              onChange={(v?: number) => {
                setTypeId(v);
                firstPage();
              }}
              options={typeOptions}
              style={{ width: 160 }}
            />
            <Checkbox checked={within} onChange={(e) => setWithin(e.target.checked)}>
              包含下级位置
            </Checkbox>
            <Button style={{ marginInlineStart: 'auto' }} onClick={() => setAdding((a) => !a)}>
              添加设备
            </Button>
          </Flex>
          {adding && (
            <Card size="small" title={`在“${locationName(tree.data, location)}”添加设施设备`}>
              <Form form={form} name="new-facility" layout="inline" initialValues={{ typeId }}>
                <Form.Item name="name" label="设施设备名称" rules={[{ required: true, whitespace: true, message: '请填写设施设备名称' }]}>
                  <Input maxLength={60} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="typeId" label="类型" rules={[{ required: true, message: '请选择设施设备类型' }]}>
                  <Select aria-label="新设施设备类型" options={typeOptions} style={{ width: 140 }} />
                </Form.Item>
                <Button type="primary" onClick={add}>
                  保存
                </Button>
              </Form>
            </Card>
          )}
          <Table<Facility>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{
              ...pagination,
              showTotal: (total) => `共 ${total} 条`,
            }}
            rowSelection={{
              ...SELECT_PAGE_LABEL,
              selectedRowKeys: [...picked.keys(), ...taken],
              onSelect: (f, on) => toggle([f], on),
              onSelectAll: (on, _rows, changed) => toggle(changed, on),
              getCheckboxProps: (f) => ({ disabled: taken.has(f.id), 'aria-label': `选择 ${f.name}` }),
            }}
            columns={[
              { title: '设施设备名称', dataIndex: 'name' },
              { title: '类型', dataIndex: 'type', width: 110 },
              { title: '安装位置', dataIndex: 'locationLabel', width: 200 },
              { title: '品牌型号', dataIndex: 'brandModel', width: 150, render: (b: string) => b || '—' },
            ]}
          />
          <Typography.Text type="secondary">已在项目中的设施设备不能重复选择。</Typography.Text>
        </Flex>
      </Flex>
    </Modal>
  );
}
