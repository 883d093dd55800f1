import { DatePicker, Descriptions, Form, type FormInstance, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs } from '../../../lib/dates';
import type { ProjectDetail, ProjectType } from '../api';
import { TYPE_LABELS } from '../labels';

export interface BasicValues {
  name: string;
  description: string;
  period: [Dayjs | null, Dayjs | null] | null;
}

export const basicValuesOf = (d: ProjectDetail): BasicValues => ({
  name: d.name,
  description: d.description,
  period: d.periodFrom || d.periodTo ? [d.periodFrom ? dayjs(d.periodFrom) : null, d.periodTo ? dayjs(d.periodTo) : null] : null,
});

export const basicBodyOf = (v: BasicValues) => ({
  name: v.name,
  description: v.description ?? '',
  periodFrom: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
  periodTo: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
});

interface BasicInfoFormProps {
  form: FormInstance<BasicValues>;
  /** The saved values the form starts from (a new project starts empty). */
  initial?: BasicValues;
  type: ProjectType;
  no?: string;
  areaName?: string;
  editable: boolean;
}

/** 项目基本信息 (manual §1.3.1 第一步 二): name, description and construction period. */
export function BasicInfoForm({ form, initial, type, no, areaName, editable }: BasicInfoFormProps) {
  return (
    <>
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="项目编号">{no ?? '保存后生成'}</Descriptions.Item>
        <Descriptions.Item label="项目类型">{TYPE_LABELS[type]}</Descriptions.Item>
        <Descriptions.Item label="物业区域">{areaName ?? '本业主委员会的物业区域'}</Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={initial ?? { name: '', description: '', period: null }}
        style={{ maxWidth: 760 }}
      >
        <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
          <Input maxLength={100} placeholder="如：1栋屋面防水维修" />
        </Form.Item>
        <Form.Item name="description" label={type === 'emergency' ? '项目描述（紧急情况说明）' : '项目描述'}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
        <Form.Item
          name="period"
          label="施工期限"
          rules={[
            {
              validator: (_, v: BasicValues['period']) =>
                v?.[0] && v[1]?.isBefore(v[0], 'day') ? Promise.reject(new Error('施工期限的结束日期不能早于开始日期')) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['施工开始日期', '施工结束日期']} />
        </Form.Item>
      </Form>
    </>
  );
}
