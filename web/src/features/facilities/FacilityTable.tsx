import { DatePicker, Form, type FormInstance, Input, InputNumber, Select, Table, type TableColumnsType, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { dayjs, PLATFORM_TIME_ZONE } from '../../lib/dates';
import type { Facility, FacilityType } from './api';

/** The row being typed in: an existing facility's id, or NEW_ROW for 添加. */
export const NEW_ROW = -1;

export interface RowValues {
  typeId?: number;
  name: string;
  brandModel: string;
  installDate: Dayjs | null;
  quantity: number;
  remark: string;
}

export const valuesOf = (f: Facility): RowValues => ({
  typeId: f.typeId,
  name: f.name,
  brandModel: f.brandModel,
  installDate: f.installDate ? dayjs(f.installDate) : null,
  quantity: f.quantity,
  remark: f.remark,
});

export const bodyOf = (v: RowValues) => ({
  typeId: v.typeId ?? 0,
  name: v.name ?? '',
  brandModel: v.brandModel ?? '',
  installDate: v.installDate ? v.installDate.format('YYYY-MM-DD') : null,
  quantity: v.quantity ?? 1,
  remark: v.remark ?? '',
});

interface FacilityTableProps {
  form: FormInstance<RowValues>;
  editing: number | null;
  types: FacilityType[];
  /** The 维修记录 and 操作 cells of a row. */
  actions: (f: Facility) => ReactNode;
  tableProps: TableProps<Facility>;
}

const cell = (editing: boolean, input: ReactNode, text: ReactNode) => (editing ? input : text);

/**
 * 设施设备列表 (manual §1.4.1 step 6): 添加 opens a new row at the top, 修改 turns a row into
 * inputs; 保存 sends it. The inputs live in one form so the server's field errors land under them.
 */
export function FacilityTable({ form, editing, types, actions, tableProps }: FacilityTableProps) {
  const isEditing = (f: Facility) => f.id === editing;
  const typeOptions = types.map((t) => ({ value: t.id, label: t.name }));
  const columns: TableColumnsType<Facility> = [
    {
      title: '设施设备名称',
      dataIndex: 'name',
      width: 200,
      render: (name: string, f) =>
        cell(
          isEditing(f),
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写设施设备名称' }]} style={{ margin: 0 }}>
            <Input aria-label="设施设备名称" maxLength={60} placeholder="如：1号客梯" />
          </Form.Item>,
          name,
        ),
    },
    {
      title: '类型',
      dataIndex: 'type',
      width: 130,
      render: (type: string, f) =>
        cell(
          isEditing(f),
          <Form.Item name="typeId" rules={[{ required: true, message: '请选择设施设备类型' }]} style={{ margin: 0 }}>
            <Select aria-label="类型" showSearch={{ optionFilterProp: 'label' }} options={typeOptions} placeholder="类型" />
          </Form.Item>,
          type,
        ),
    },
    { title: '安装位置', dataIndex: 'locationLabel', width: 190, render: (l: string, f) => (f.id === NEW_ROW ? '（当前所选位置）' : l) },
    {
      title: '品牌型号',
      dataIndex: 'brandModel',
      width: 170,
      render: (b: string, f) =>
        cell(
          isEditing(f),
          <Form.Item name="brandModel" style={{ margin: 0 }}>
            <Input aria-label="品牌型号" maxLength={100} />
          </Form.Item>,
          b || '—',
        ),
    },
    {
      title: '安装日期',
      dataIndex: 'installDate',
      width: 150,
      render: (d: string | null, f) =>
        cell(
          isEditing(f),
          <Form.Item name="installDate" style={{ margin: 0 }}>
            <DatePicker
              aria-label="安装日期"
              disabledDate={(day) => day.isAfter(dayjs().tz(PLATFORM_TIME_ZONE), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>,
          d ?? '—',
        ),
    },
    {
      title: '数量',
      dataIndex: 'quantity',
      width: 100,
      align: 'right',
      render: (q: number, f) =>
        cell(
          isEditing(f),
          <Form.Item name="quantity" rules={[{ required: true, message: '请填写数量' }]} style={{ margin: 0 }}>
            <InputNumber aria-label="数量" min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>,
          q,
        ),
    },
    {
      title: '备注',
      dataIndex: 'remark',
      ellipsis: true,
      render: (r: string, f) =>
        cell(
          isEditing(f),
          <Form.Item name="remark" style={{ margin: 0 }}>
            <Input aria-label="备注" maxLength={200} />
          </Form.Item>,
          r || '—',
        ),
    },
    { title: '操作', key: 'actions', width: 230, render: (_: unknown, f) => actions(f) },
  ];
  return (
    <Form form={form} component={false}>
      <Table<Facility> {...tableProps} columns={columns} size="middle" scroll={{ x: 1100 }} />
    </Form>
  );
}
