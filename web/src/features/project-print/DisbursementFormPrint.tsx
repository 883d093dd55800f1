import { useParams } from 'react-router';
import { PrintLayout } from '../../print/PrintLayout';
import { formatYuan } from '../../lib/units';
import { type ProjectDetail, type ProjectRequest, type ProjectSummary, useProjectDetail, useProjectSummary } from './api';
import { FORM_SIGNATURES } from './ApprovalFormPrint';
import { NothingToPrint, PrintWaiting, ready } from './PrintState';
import { MoneyTable, PayeesTable, ProjectFactsTable, RequestLine } from './ProjectFacts';
import './project-print.css';

/** /print/project/:id/disbursement-form/:disbursementId — 资金拨付申请单 (F-44). */
export function DisbursementFormPrint() {
  const params = useParams();
  const id = Number(params.id) || undefined;
  const detail = useProjectDetail(id);
  const summary = useProjectSummary(id);
  if (!ready([detail, summary]) || !detail.data || !summary.data) return <PrintWaiting queries={[detail, summary]} />;
  const r = summary.data.requests.find((x) => x.kind === 'disbursement' && x.id === Number(params.disbursementId));
  if (!r) return <NothingToPrint title="找不到该资金拨付申请" />;
  return <DisbursementForm p={detail.data} s={summary.data} r={r} />;
}

function DisbursementForm({ p, s, r }: { p: ProjectDetail; s: ProjectSummary; r: ProjectRequest }) {
  const phase = p.phases.find((ph) => ph.id === r.phaseId);
  return (
    <PrintLayout title="维修资金拨付申请单" number={r.no} signatures={FORM_SIGNATURES} onePage>
      <h3>一、项目信息</h3>
      <ProjectFactsTable p={p} />
      <h3>二、本次拨付</h3>
      <RequestLine r={r} />
      <table>
        <tbody>
          <tr>
            <th>拨付期次</th>
            <td>{phase ? `第 ${phase.seq} 期（${phase.condition || '—'}）` : r.note || '—'}</td>
            <th>本期计划金额（元）</th>
            <td className="num">{phase ? formatYuan(phase.amount) : '—'}</td>
          </tr>
        </tbody>
      </table>
      <h3>三、收款账户</h3>
      <PayeesTable payees={r.payees} />
      <h3>四、项目资金情况</h3>
      <MoneyTable s={s} />
      {r.note && phase && <p>申请说明：{r.note}</p>}
      <p>说明：申请人请携本申请单及相关资料至维修资金管理部门受理窗口办理；审核通过后由专户银行划转至上述收款账户。</p>
    </PrintLayout>
  );
}
