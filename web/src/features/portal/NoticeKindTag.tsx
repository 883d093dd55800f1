import { Tag } from 'antd';
import type { NoticeKind } from './noticeApi';

const COLORS: Record<NoticeKind, string> = { initiation: 'blue', acceptance: 'green', cancellation: 'red' };

export function NoticeKindTag({ kind, label }: { kind: NoticeKind; label: string }) {
  return <Tag color={COLORS[kind]}>{label}</Tag>;
}
