import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { errorMessage } from '../../lib/serverErrors';
import { useFormMutation } from '../../lib/useFormMutation';
import { addFacilityType, changeFacilityType, FACILITIES_KEY, type FacilityType, useFacilityTypes } from './api';

/**
 * 系统管理 › 设施设备类型 (F-62): the types committees choose from. A disabled type is no longer
 * offered; facilities that already have it keep it.
 */
export function FacilityTypesPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const types = useFacilityTypes(true);
  const [dialog, setDialog] = useState<FacilityType | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: FACILITIES_KEY });
  const toggle = async (t: FacilityType) => {
    try {
      await changeFacilityType(t.id, { active: !t.active });
      message.success(`已${t.active ? '停用' : '启用'}“${t.name}”`);
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Page
      title="设施设备类型"
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('new')}>
          新增类型
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        业主委员会登记设施设备时从启用的类型中选择。停用的类型不再可选，已登记的设施设备保留原类型。
      </Typography.Paragraph>
      {types.data ? (
        <Table<FacilityType>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={types.data.items}
          columns={[
            { title: '排序', dataIndex: 'sortOrder', width: 90 },
            { title: '类型名称', dataIndex: 'name' },
            {
              title: '状态',
              dataIndex: 'active',
              width: 100,
              render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              width: 160,
              render: (_: unknown, t) => (
                <Space>
                  <Button type="link" size="small" onClick={() => setDialog(t)}>
                    修改
                  </Button>
                  <Button type="link" size="small" danger={t.active} onClick={() => toggle(t)}>
                    {t.active ? '停用' : '启用'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <LoadingOrError query={types} />
      )}
      {dialog && <TypeModal type={dialog === 'new' ? undefined : dialog} onClose={() => setDialog(null)} onSaved={refresh} />}
    </Page>
  );
}

function TypeModal({ type, onClose, onSaved }: { type?: FacilityType; onClose: () => void; onSaved: () => unknown }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; sortOrder?: number }>();
  const save = useFormMutation(form, (v) => (type ? changeFacilityType(type.id, v) : addFacilityType(v)), {
    onSuccess: (t) => {
      message.success(`设施设备类型“${t.name}”已保存`);
      onSaved();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={type ? '修改设施设备类型' : '新增设施设备类型'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={type ?? {}} onFinish={save.onFinish}>
        <Form.Item name="name" label="类型名称" rules={[{ required: true, whitespace: true, message: '请填写类型名称' }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序（小的在前，不填排在最后）">
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
