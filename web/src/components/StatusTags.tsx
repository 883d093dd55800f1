import { Space, Tag } from 'antd';
import type { OrgStatus } from '../../../server/src/domain/org-status.ts';
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

const ORG_STATUS_TAGS = {
  active: ['success', '正常'],
  suspended: ['error', '已暂停'],
  pending: ['processing', '换届申请待审核'],
  rejected: ['default', '换届申请未通过'],
  retired: ['default', '已换届'],
} as const satisfies Record<OrgStatus, readonly [string, string]>;

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const [color, label] = ORG_STATUS_TAGS[status];
  return <Tag color={color}>{label}</Tag>;
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
