import { useParams } from 'react-router';
import { FullPageSpin } from '../app/guards';
import { LoadingOrError } from '../components/LoadingOrError';
import type { NoticeDetail } from '../features/payments/api';
import { useNotice } from '../features/payments/api';
import { NOTICE_STATUS_LABELS, WHERE_TO_PAY } from '../features/payments/labels';
import { amountInWords } from '../lib/amountInWords';
import { formatDate, formatDateTime } from '../lib/dates';
import { formatArea, formatYuan } from '../lib/units';
import { PagedTable, type PrintColumn } from './PagedTable';
import { PrintLayout } from './PrintLayout';
import './notice.css';

const SIGNATURES = ['经办人', '银行盖章', '日期'];

type NoticeHouse = NoticeDetail['items'][number];

export const HOUSE_COLUMNS: PrintColumn<NoticeHouse>[] = [
  { title: '序号', cell: (_, i) => i + 1, width: '7%' },
  { title: '楼幢', cell: (h) => h.building },
  { title: '单元', cell: (h) => h.unit },
  { title: '房号', cell: (h) => h.room },
  { title: '坐落', cell: (h) => h.address },
  { title: '建筑面积（㎡）', cell: (h) => formatArea(h.buildingArea), num: true },
  { title: '金额（元）', cell: (h) => formatYuan(h.amount), num: true },
];

/** 交款通知单 (SPEC §5, manual §1.4 “在通知单页面单击‘打印’按钮”): A4, its number as barcode and QR. */
export function NoticePrint() {
  const { no } = useParams();
  const notice = useNotice(no);
  if (notice.isPending) return <FullPageSpin />;
  if (!notice.data) return <LoadingOrError query={notice} />;
  return <NoticeSheet n={notice.data} />;
}

function NoticeSheet({ n }: { n: NoticeDetail }) {
  const purpose = n.purposeNote ? `${n.purposeLabel}（${n.purposeNote}）` : n.purposeLabel;
  return (
    <PrintLayout title="江门市住宅专项维修资金交款通知单" number={n.no} signatures={SIGNATURES}>
      <div className="notice-sheet" data-status={n.status}>
        {n.status !== 'unpaid' && (
          <>
            <div className="notice-banner" role="status">
              {n.status === 'paid'
                ? `本通知单已缴款${n.paidAt ? `（${formatDateTime(n.paidAt)}）` : ''}，不得再次交款`
                : '本通知单已作废，不得用于交款'}
            </div>
            <div className="notice-watermark" aria-hidden>
              {NOTICE_STATUS_LABELS[n.status]}
            </div>
          </>
        )}
        <h3>一、交款信息</h3>
        <table>
          <tbody>
            <tr>
              <th>通知单号</th>
              <td>{n.no}</td>
              <th>交款类型</th>
              <td>{purpose}</td>
            </tr>
            <tr>
              <th>交款人</th>
              <td>{n.payerName}</td>
              <th>{n.payerType === 'developer' ? '交款人类型' : '证件号码'}</th>
              <td>{n.payerType === 'developer' ? '开发建设单位' : n.payerIdNumber || '—'}</td>
            </tr>
            {n.payerType === 'owner' && (
              <tr>
                <th>联系电话</th>
                <td>{n.payerPhone || '—'}</td>
                <th>开具单位</th>
                <td>{n.issuerName}</td>
              </tr>
            )}
            <tr>
              <th>物业区域</th>
              <td>{n.areaName}</td>
              <th>开具日期</th>
              <td>{formatDate(n.createdAt)}</td>
            </tr>
            {n.payerType === 'developer' && (
              <tr>
                <th>开具单位</th>
                <td colSpan={3}>{n.issuerName}</td>
              </tr>
            )}
          </tbody>
        </table>

        <h3>二、应交金额</h3>
        <table>
          <tbody>
            <tr>
              <th>金额（小写）</th>
              <td className="notice-amount">¥{formatYuan(n.total)} 元</td>
            </tr>
            <tr>
              <th>金额（大写）</th>
              <td className="notice-amount">人民币{amountInWords(n.total)}</td>
            </tr>
          </tbody>
        </table>

        <h3>三、交存账户</h3>
        <table>
          <tbody>
            <tr>
              <th>开户银行</th>
              <td>{n.bankAccount.bankName}</td>
            </tr>
            <tr>
              <th>账户名称</th>
              <td>{n.bankAccount.accountName}</td>
            </tr>
            <tr>
              <th>账号</th>
              <td className="notice-account">{n.bankAccount.accountNo}</td>
            </tr>
            <tr>
              <th>有效期至</th>
              <td>{n.validUntil}</td>
            </tr>
          </tbody>
        </table>

        <h3>四、注意事项</h3>
        <ol className="notice-notes">
          <li>
            请携本通知单{n.payerType === 'owner' ? '及身份证' : ''}到{WHERE_TO_PAY}交存，交款金额须与本通知单金额一致。
          </li>
          <li>本通知单在有效期内使用，逾期或作废的通知单不得交款；交款后请妥善保管交款证明。</li>
          <li>在维修资金专用POS机交款的交款证明，可在侨都之窗或维修资金管理机构窗口补打。</li>
          <li>查询维修资金交存情况，请登录本平台“维修资金查询”。</li>
        </ol>

        <h3>五、交款房屋清单（共 {n.items.length} 套）</h3>
        <PagedTable
          columns={HOUSE_COLUMNS}
          rows={n.items}
          rowKey={(h) => h.houseId}
          pageTotal={(rows) => ({ 6: formatYuan(rows.reduce((a, h) => a + h.amount, 0)) })}
          total={{ 6: formatYuan(n.total) }}
        />
      </div>
    </PrintLayout>
  );
}
