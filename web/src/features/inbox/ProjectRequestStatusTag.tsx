import { Tag } from 'antd';
import type { ProjectRequestStatus } from './projectRequestApi';

const COLORS: Record<ProjectRequestStatus, string> = {
  submitted: 'processing',
  accepted: 'blue',
  approved: 'success',
  rejected: 'warning',
  confirmed: 'green',
};

export function ProjectRequestStatusTag({ status, label }: { status: ProjectRequestStatus; label: string }) {
  return <Tag color={COLORS[status]}>{label}</Tag>;
}
