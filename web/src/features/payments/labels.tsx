import { Tag } from 'antd';
import type { CustomPurpose, NoticeStatus } from './api';

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { unpaid: '待缴', paid: '已缴', void: '作废' };
const STATUS_COLORS: Record<NoticeStatus, string> = { unpaid: 'orange', paid: 'success', void: 'default' };

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{NOTICE_STATUS_LABELS[status]}</Tag>;
}

/** 交款类型 of 自定义交款 (manual §1.4.3 第三步). */
export const CUSTOM_PURPOSES: { value: CustomPurpose; label: string }[] = [
  { value: 'replenish', label: '续筹交款' },
  { value: 'supplement', label: '补交' },
  { value: 'other', label: '其他' },
];

/** The places an owner may pay (manual §1.4.2 业务概述). */
export const WHERE_TO_PAY = '专户银行柜台、侨都之窗或维修资金专用POS机';

export const noticePrintPath = (no: string) => `/print/notice/${encodeURIComponent(no)}`;
export const receiptPrintPath = (no: string) => `/print/receipt/${encodeURIComponent(no)}`;
