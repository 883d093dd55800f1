import { useParams } from 'react-router';
import { PrintLayout } from '../../print/PrintLayout';
import { amountInWords } from '../../lib/amountInWords';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import { type ProjectDetail, type ProjectRequest, type ProjectSummary, useProjectDetail, useProjectSummary } from './api';
import { NothingToPrint, PrintWaiting, ready } from './PrintState';
import { ProjectFactsTable } from './ProjectFacts';
import './project-print.css';

/** /print/project/:id/refund-notice/:refundId — 清退通知单 (F-46): the applicant pays it back at the bank. */
export function RefundNoticePrint() {
  const params = useParams();
  const id = Number(params.id) || undefined;
  const detail = useProjectDetail(id);
  const summary = useProjectSummary(id);
  if (!ready([detail, summary]) || !detail.data || !summary.data) return <PrintWaiting queries={[detail, summary]} />;
  const r = summary.data.requests.find((x) => x.kind === 'refund' && x.id === Number(params.refundId));
  if (!r) return <NothingToPrint title="找不到该清退通知单" />;
  return <RefundNotice p={detail.data} s={summary.data} r={r} />;
}

function RefundNotice({ p, s, r }: { p: ProjectDetail; s: ProjectSummary; r: ProjectRequest }) {
  const sources = s.requests.filter((x) => r.sourceIds.includes(x.id));
  return (
    <PrintLayout title="维修资金清退通知单" number={r.no} signatures={['业主委员会（盖章）', '经办人签字', '银行盖章', '日期']} onePage>
      {r.status === 'confirmed' && (
        <div className="print-cancelled-stamp" role="status">
          本通知单已由银行确认清退{r.confirmedAt ? `（${formatDateTime(r.confirmedAt)}）` : ''}，不得再次缴款
        </div>
      )}
      <h3>一、项目信息</h3>
      <ProjectFactsTable p={p} />
      <h3>二、清退信息</h3>
      <table>
        <tbody>
          <tr>
            <th>通知单号</th>
            <td>{r.no}</td>
            <th>开具日期</th>
            <td>{formatDate(r.submittedAt)}</td>
          </tr>
          <tr>
            <th>清退金额（小写）</th>
            <td colSpan={3} className="project-amount">
              ¥{formatYuan(r.amount)} 元
            </td>
          </tr>
          <tr>
            <th>清退金额（大写）</th>
            <td colSpan={3} className="project-amount">
              人民币{amountInWords(r.amount)}
            </td>
          </tr>
          <tr>
            <th>清退原因</th>
            <td colSpan={3}>{r.note || '—'}</td>
          </tr>
          {r.payInAccount && (
            <>
              <tr>
                <th>缴款户名</th>
                <td colSpan={3}>{r.payInAccount.accountName}</td>
              </tr>
              <tr>
                <th>缴款账号</th>
                <td>{r.payInAccount.accountNo}</td>
                <th>开户银行</th>
                <td>{r.payInAccount.bankName}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      <h3>三、清退的拨付</h3>
      <table className="print-list">
        <thead>
          <tr>
            <th>拨付申请编号</th>
            <th>期次</th>
            <th>收款单位</th>
            <th>已划转金额（元）</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((x) => (
            <tr key={x.id}>
              <td>{x.no}</td>
              <td>{x.phaseSeq ? `第 ${x.phaseSeq} 期` : '—'}</td>
              <td>{x.payees.map((y) => y.unitName).join('、')}</td>
              <td className="num">{formatYuan(x.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>四、注意事项</h3>
      <ol>
        <li>请携本通知单到维修资金专户银行柜台办理清退缴款，缴款金额须与本通知单金额一致。</li>
        <li>银行确认后，清退款按各户原分摊比例退回各户分户账。</li>
      </ol>
    </PrintLayout>
  );
}
