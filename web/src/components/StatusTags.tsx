import { Space, Tag } from 'antd';
import { formatDate } from '../lib/dates';

export function UserStatusTags({ status, locked }: { status: 'active' | 'inactive'; locked: boolean }) {
  return (
    <Space size={4}>
      {status === 'active' ? <Tag color="success">正常</Tag> : <Tag color="default">已注销</Tag>}
      {locked && <Tag color="warning">锁定</Tag>}
    </Space>
  );
}

export function OrgStatusTag({ status }: { status: 'active' | 'suspended' }) {
  return status === 'active' ? <Tag color="success">正常</Tag> : <Tag color="error">已暂停</Tag>;
}

/** Whether the fund office has seen the paper originals of the registration documents. */
export function VerifiedTag({ verifiedAt }: { verifiedAt: string | null }) {
  return verifiedAt ? <Tag color="success">原件已核验（{formatDate(verifiedAt)}）</Tag> : <Tag color="orange">原件未核验</Tag>;
}

export function RoleTags({ labels }: { labels: string[] }) {
  return (
    <Space size={4} wrap>
      {labels.map((label) => (
        <Tag key={label} color="blue">
          {label}
        </Tag>
      ))}
    </Space>
  );
}
