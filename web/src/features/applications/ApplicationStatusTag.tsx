import { Tag } from 'antd';
import type { ApplicationStatus } from '../../api/types';
import { STATUS_COLORS, STATUS_LABELS } from './labels';

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="application-status">
      {STATUS_LABELS[status]}
    </Tag>
  );
}
