import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Table } from 'antd';
import { useEffect } from 'react';
import type { RegistryHouse } from '../../../api/types';
import { LoadingOrError } from '../../../components/LoadingOrError';
import { ID_CARD_RULE, isValidIdCard, MOBILE_PATTERN, MOBILE_RULE } from '../../../lib/idCard';
import { useHouse } from '../../registry/api';
import { ID_TYPES, type IdType, options } from '../../registry/enums';
import { houseLabel, type OwnerInput } from '../forms';

interface OwnerEditorModalProps {
  house: RegistryHouse;
  /** The list edited before in this application; null to start from the registered owners. */
  owners: OwnerInput[] | null;
  onSave: (owners: OwnerInput[]) => void;
  onClose: () => void;
}

interface Values {
  owners: OwnerInput[];
}

const blankOwner = (): OwnerInput => ({ name: '', idType: '居民身份证', idNumber: '', phone: '' });

/**
 * 编辑业主 (manual §1.3.7 第五步): the house's owners, one a row — the registered ones first — to
 * add (添加), modify or delete (删除); 保存 keeps the list for this house until the application is saved.
 */
export function OwnerEditorModal({ house, owners, onSave, onClose }: OwnerEditorModalProps) {
  const registered = useHouse(owners ? undefined : house.id);
  const start =
    owners ?? registered.data?.owners.map(({ name, idType, idNumber, phone }) => ({ name, idType: idType as IdType, idNumber, phone }));
  return (
    <Modal
      open
      title={`编辑业主：${houseLabel(house)}`}
      width={960}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={null}
      destroyOnHidden
    >
      {start ? <OwnerForm initial={start} onSave={onSave} onClose={onClose} /> : <LoadingOrError query={registered} />}
    </Modal>
  );
}

function OwnerForm({ initial, onSave, onClose }: { initial: OwnerInput[]; onSave: (owners: OwnerInput[]) => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (initial.length === 0) form.setFieldValue('owners', [blankOwner()]);
  }, [form, initial.length]);
  const finish = ({ owners }: Values) =>
    onSave(
      owners.map((o) => ({
        name: o.name.trim(),
        idType: o.idType,
        idNumber: o.idNumber.trim().toUpperCase(),
        phone: (o.phone ?? '').trim(),
      })),
    );
  const cell = { style: { margin: 0 } };
  return (
    <Form<Values> form={form} initialValues={{ owners: initial }} onFinish={finish}>
      <Form.List
        name="owners"
        rules={[
          { validator: (_, list?: unknown[]) => (list?.length ? Promise.resolve() : Promise.reject(new Error('每套房屋至少一位业主'))) },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(blankOwner())} style={{ marginBottom: 12 }}>
              添加
            </Button>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={fields}
              locale={{ emptyText: '暂无业主，请单击“添加”' }}
              columns={[
                {
                  title: '业主姓名',
                  key: 'name',
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写业主姓名' }]} {...cell}>
                      <Input maxLength={50} aria-label={`第 ${f.name + 1} 位业主姓名`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '证件类型',
                  key: 'idType',
                  width: 210,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'idType']} rules={[{ required: true, message: '请选择证件类型' }]} {...cell}>
                      <Select options={options(ID_TYPES)} aria-label={`第 ${f.name + 1} 位业主证件类型`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '证件号码',
                  key: 'idNumber',
                  width: 230,
                  render: (_, f) => (
                    <Form.Item
                      name={[f.name, 'idNumber']}
                      dependencies={[['owners', f.name, 'idType']]}
                      rules={[
                        { required: true, whitespace: true, message: '请填写证件号码' },
                        ({ getFieldValue }) => ({
                          validator: (_r, v?: string) =>
                            v && getFieldValue(['owners', f.name, 'idType']) === '居民身份证' && !isValidIdCard(v)
                              ? Promise.reject(new Error(ID_CARD_RULE))
                              : Promise.resolve(),
                        }),
                      ]}
                      {...cell}
                    >
                      <Input maxLength={30} aria-label={`第 ${f.name + 1} 位业主证件号码`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '手机号',
                  key: 'phone',
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'phone']} rules={[{ pattern: MOBILE_PATTERN, message: MOBILE_RULE }]} {...cell}>
                      <Input maxLength={11} inputMode="numeric" aria-label={`第 ${f.name + 1} 位业主手机号`} />
                    </Form.Item>
                  ),
                },
                {
                  title: '操作',
                  key: 'actions',
                  width: 70,
                  render: (_, f) => (
                    <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  ),
                },
              ]}
            />
            {errors.length > 0 && <Alert type="error" showIcon title={errors} style={{ marginTop: 12 }} />}
          </>
        )}
      </Form.List>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 16 }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </div>
    </Form>
  );
}
