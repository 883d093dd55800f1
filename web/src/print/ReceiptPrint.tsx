import { useParams } from 'react-router';
import { FullPageSpin } from '../app/guards';
import { LoadingOrError } from '../components/LoadingOrError';
import type { NoticeDetail } from '../features/payments/api';
import { CHANNEL_LABELS } from '../features/bank/api';
import { useNotice } from '../features/payments/api';
import { amountInWords } from '../lib/amountInWords';
import { formatDateTime } from '../lib/dates';
import { formatYuan } from '../lib/units';
import { HOUSE_COLUMNS } from './NoticePrint';
import { PagedTable } from './PagedTable';
import { PrintLayout } from './PrintLayout';
import './notice.css';

const SIGNATURES = ['银行经办人', '银行盖章'];

/**
 * 交款回单 (developer manual §1.4.2 “交款证明…可在侨都之窗或维修资金管理机构窗口补打”): what the bank
 * confirmed for a paid 交款通知单 — printed by the teller after confirming, and again at the office window.
 */
export function ReceiptPrint() {
  const { no } = useParams();
  const notice = useNotice(no);
  if (notice.isPending) return <FullPageSpin />;
  if (!notice.data) return <LoadingOrError query={notice} />;
  return <ReceiptSheet n={notice.data} />;
}

function ReceiptSheet({ n }: { n: NoticeDetail }) {
  const p = n.payment;
  if (!p) {
    return (
      <PrintLayout title="维修资金交款回单" backTo="/workspace">
        <p>交款通知单 {n.no} 尚未缴款，没有交款回单可打印。</p>
      </PrintLayout>
    );
  }
  return (
    <PrintLayout title="维修资金交款回单" number={n.no} signatures={SIGNATURES}>
      <div className="notice-sheet" data-status="paid">
        <table>
          <tbody>
            <tr>
              <th>通知单号</th>
              <td>{n.no}</td>
              <th>交款类型</th>
              <td>{n.purposeLabel}</td>
            </tr>
            <tr>
              <th>交款人</th>
              <td>{n.payerName}</td>
              <th>物业区域</th>
              <td>{n.areaName}</td>
            </tr>
            <tr>
              <th>金额（小写）</th>
              <td className="notice-amount" colSpan={3}>
                ¥{formatYuan(n.total)} 元
              </td>
            </tr>
            <tr>
              <th>金额（大写）</th>
              <td className="notice-amount" colSpan={3}>
                人民币{amountInWords(n.total)}
              </td>
            </tr>
            <tr>
              <th>收款银行</th>
              <td>{p.bankName}</td>
              <th>交款方式</th>
              <td>{CHANNEL_LABELS[p.channel] ?? p.channel}</td>
            </tr>
            <tr>
              <th>银行流水号</th>
              <td>{p.bankRef}</td>
              <th>交款日期</th>
              <td>{p.bankDate}</td>
            </tr>
            <tr>
              <th>收款账户</th>
              <td colSpan={3}>
                {n.bankAccount.accountName}（{n.bankAccount.bankName} {n.bankAccount.accountNo}）
              </td>
            </tr>
            <tr>
              <th>入账时间</th>
              <td colSpan={3}>{formatDateTime(p.confirmedAt)}</td>
            </tr>
          </tbody>
        </table>
        <h3>交款房屋（共 {n.items.length} 套）</h3>
        <PagedTable
          columns={HOUSE_COLUMNS}
          rows={n.items}
          rowKey={(h) => h.houseId}
          pageTotal={(rows) => ({ 6: formatYuan(rows.reduce((a, h) => a + h.amount, 0)) })}
          total={{ 6: formatYuan(n.total) }}
        />
        <p>本回单证明上列款项已存入住宅专项维修资金专户，并已记入各房屋的分户账。可登录本平台“维修资金查询”核对。</p>
      </div>
    </PrintLayout>
  );
}
