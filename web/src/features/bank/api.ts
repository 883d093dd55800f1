import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';

export type ConfirmBody = ApiBody<'/api/bank/deposits/confirm', 'post'>;
export type ConfirmResult = ApiResponse<'/api/bank/deposits/confirm', 'post'>;
export type Channel = ConfirmBody['channel'];
export type Reconciliation = ApiResponse<'/api/bank/reconciliation'>;
export type ReconciliationItem = Reconciliation['items'][number];

export const CHANNELS: Channel[] = ['柜台', '侨都之窗', 'POS', '网上银行'];
export const CHANNEL_LABELS: Record<string, string> = {
  柜台: '柜台',
  侨都之窗: '侨都之窗',
  POS: '维修资金专用POS机',
  网上银行: '网上银行',
};

export const confirmDeposit = (body: ConfirmBody) => call(api.POST('/api/bank/deposits/confirm', { body }));

export const fetchReconciliation = (from: string, to: string) =>
  call(api.GET('/api/bank/reconciliation', { params: { query: { from, to } } }));

export const REFUNDS_KEY = ['bank', 'refunds'] as const;
export type RefundRow = ApiResponse<'/api/bank/refunds'>['items'][number];
export type RefundPayoutBody = ApiBody<'/api/bank/refunds/confirm', 'post'>;
export type RefundPayoutResult = ApiResponse<'/api/bank/refunds/confirm', 'post'>;

export const fetchRefunds = (query: { page: number; pageSize: number; status?: 'pending' | 'paid'; q?: string }) =>
  call(api.GET('/api/bank/refunds', { params: { query } }));
export const confirmRefund = (body: RefundPayoutBody) => call(api.POST('/api/bank/refunds/confirm', { body }));
