import { useParams } from 'react-router';
import type { ApplicationDetail } from '../api/types';
import { FullPageSpin } from '../app/guards';
import { LoadingOrError } from '../components/LoadingOrError';
import { type ApplicationFund, useApplication, useApplicationFund } from '../features/applications/api';
import { refundText } from '../features/applications/fields';
import { amountInWords } from '../lib/amountInWords';
import { formatDate } from '../lib/dates';
import { formatYuan } from '../lib/units';
import { PrintLayout } from './PrintLayout';

const SIGNATURES = ['申请人签字', '单位盖章', '受理人', '审核人', '银行经办人', '付款日期'];
const REASONS: Record<string, string> = { house_change: '房屋信息变更，应交金额调减', house_cancellation: '房屋注销，余额退还业主' };

interface Row {
  key: string;
  house: string;
  oldDue: number | null;
  newDue: number | null;
  paid: number | null;
  amount: number;
  account: string;
  refundNo: string;
}

/**
 * 退款申请表 (R-12, manual §1.3.6 第七步 “打印变更申请表&退款申请表”; R-13): printed beside the
 * application form. Before approval it lists what the change would refund; afterwards the refund
 * instructions the bank pays, with their numbers.
 */
export function RefundPrint() {
  const { id } = useParams();
  const app = useApplication(Number(id) || undefined);
  const fund = useApplicationFund(Number(id) || undefined);
  if (app.isPending || fund.isPending) return <FullPageSpin />;
  if (!app.data) return <LoadingOrError query={app} />;
  if (!fund.data) return <LoadingOrError query={fund} />;
  return <RefundSheet app={app.data} fund={fund.data} />;
}

function rowsOf(fund: ApplicationFund): Row[] {
  if (fund.refunds.length > 0) {
    return fund.refunds.map((r) => ({
      key: r.no,
      house: r.house,
      oldDue: null,
      newDue: null,
      paid: null,
      amount: r.amount,
      account: refundText(r.account),
      refundNo: `${r.no}${r.status === 'paid' ? '（已付款）' : ''}`,
    }));
  }
  return fund.effects
    .filter((e) => e.refund > 0)
    .map((e) => ({
      key: String(e.houseId),
      house: e.house,
      oldDue: e.oldDue,
      newDue: e.newDue,
      paid: e.paid,
      amount: e.refund,
      account: refundText(e.account),
      refundNo: '审核通过后生成',
    }));
}

function RefundSheet({ app, fund }: { app: ApplicationDetail; fund: ApplicationFund }) {
  const rows = rowsOf(fund);
  const total = rows.reduce((a, r) => a + r.amount, 0);
  const planned = fund.refunds.length === 0;
  const yuan = (n: number | null) => (n === null ? '—' : formatYuan(n));
  return (
    <PrintLayout title="住宅专项维修资金退款申请表" number={app.no} signatures={SIGNATURES} onePage>
      <h3>一、申请信息</h3>
      <table>
        <tbody>
          <tr>
            <th>业务单号</th>
            <td>{app.no}</td>
            <th>业务类型</th>
            <td>{app.typeLabel}</td>
          </tr>
          <tr>
            <th>申请单位</th>
            <td>{app.orgName}</td>
            <th>物业区域</th>
            <td>{app.areaName ?? '—'}</td>
          </tr>
          <tr>
            <th>退款原因</th>
            <td colSpan={3}>{REASONS[app.type] ?? app.typeLabel}</td>
          </tr>
          <tr>
            <th>退款金额合计</th>
            <td colSpan={3}>
              <strong>
                {formatYuan(total)} 元（人民币{amountInWords(total)}）
              </strong>
              {planned && app.status !== 'approved' ? '　以审核通过时的分户账为准' : ''}
            </td>
          </tr>
          <tr>
            <th>申请日期</th>
            <td colSpan={3}>{formatDate(app.submittedAt ?? app.createdAt)}</td>
          </tr>
        </tbody>
      </table>
      <h3>二、退款明细</h3>
      {rows.length === 0 ? (
        <p>本业务单没有需要退还的维修资金。</p>
      ) : (
        <table className="print-list">
          <thead>
            <tr>
              <th style={{ width: '6%' }}>序号</th>
              <th>房屋</th>
              {planned && <th>原应交（元）</th>}
              {planned && <th>变更后应交（元）</th>}
              {planned && <th>已交（元）</th>}
              <th>退款金额（元）</th>
              <th>退款账户</th>
              <th>退款指令号</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td>{i + 1}</td>
                <td>{r.house}</td>
                {planned && <td>{yuan(r.oldDue)}</td>}
                {planned && <td>{yuan(r.newDue)}</td>}
                {planned && <td>{yuan(r.paid)}</td>}
                <td>{formatYuan(r.amount)}</td>
                <td>{r.account}</td>
                <td>{r.refundNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        说明：退款在维修资金管理部门审核通过、专户银行确认付款后，支付至上列退款账户；分户账同时记减，分户账明细中列明业务单号与退款指令号。
      </p>
    </PrintLayout>
  );
}
