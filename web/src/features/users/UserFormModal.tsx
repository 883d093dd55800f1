import { App, Form, Input, Modal } from 'antd';
import type { NewUserBody, OrgRole, OrgUser } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useFormMutation } from '../../lib/useFormMutation';
import { usePasswordRule } from '../registration/api';
import { RoleCheckboxes } from './RoleCheckboxes';
import { userActions } from './api';

interface UserFormModalProps {
  /** The user to modify; absent to add a new one. */
  user?: OrgUser;
  roles: OrgRole[];
  onClose: () => void;
  onSaved: (user: OrgUser) => void;
}

type UserFormValues = NewUserBody;

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/**
 * 添加用户 / 修改用户 (manual §1.2.2 二、三): the same dialog, titled 添加机构用户 or 修改机构用户.
 * When modifying, the user name stays as it is and no password is asked for.
 */
export function UserFormModal({ user, roles, onClose, onSaved }: UserFormModalProps) {
  const editing = user !== undefined;
  const [form] = Form.useForm<UserFormValues>();
  const { message } = App.useApp();
  const passwordRule = usePasswordRule();
  const save = useFormMutation(
    form,
    ({ username, name, mobile, roles: chosen, password }: UserFormValues) =>
      editing
        ? userActions.update(user.id, { name, mobile, roles: chosen })
        : userActions.create({ username, name, mobile, roles: chosen, password }),
    {
      onSuccess: (saved) => {
        message.success(editing ? `用户 ${saved.username} 已修改` : `用户 ${saved.username} 已添加`);
        onSaved(saved);
      },
    },
  );

  return (
    <Modal
      open
      title={editing ? '修改机构用户' : '添加机构用户'}
      okText={editing ? '修改' : '添加'}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
    >
      <FormErrorAlert error={save.error} />
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={save.onFinish}
        initialValues={user ? { username: user.username, name: user.name, mobile: user.mobile, roles: user.roles } : { roles: [] }}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={required('用户名')}
          extra={editing ? undefined : '3–32 位字母、数字或 _ . -，登录时使用'}
        >
          <Input disabled={editing} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={required('姓名')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="mobile" label="手机号" rules={required('手机号')}>
          <Input maxLength={11} />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }]} extra={passwordRule}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
          <RoleCheckboxes roles={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
