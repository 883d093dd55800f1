import { Space, Tag } from 'antd';
import { formatDate, formatDateTime } from '../lib/dates';

export function UserStatusTags({
  status,
  lockedUntil,
}: {
  status: 'active' | 'inactive';
  /** Set while the user is locked out after repeated wrong passwords. */
  lockedUntil: string | null;
}) {
  return (
    <Space size={4}>
      {status === 'active' ? <Tag color="success">正常</Tag> : <Tag color="default">已注销</Tag>}
      {lockedUntil && <Tag color="warning">已锁定至 {formatDateTime(lockedUntil)}</Tag>}
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
