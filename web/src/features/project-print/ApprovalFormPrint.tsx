import { useParams } from 'react-router';
import { PrintLayout } from '../../print/PrintLayout';
import { formatArea } from '../../lib/units';
import { latestNotice, type ProjectDetail, type ProjectSummary, useProjectDetail, useProjectSummary } from './api';
import { NothingToPrint, PrintWaiting, ready } from './PrintState';
import { ItemsTable, PayeesTable, PhasesTable, ProjectFactsTable, RequestLine } from './ProjectFacts';
import './project-print.css';

export const FORM_SIGNATURES = ['业主委员会（盖章）', '经办人签字', '受理人', '受理日期', '审核人', '审核日期'];

/** /print/project/:id/approval-form — 立项申请单 (F-43): handed in at the fund office's window with the documents. */
export function ApprovalFormPrint() {
  const id = Number(useParams().id) || undefined;
  const detail = useProjectDetail(id);
  const summary = useProjectSummary(id);
  if (!ready([detail, summary]) || !detail.data || !summary.data) return <PrintWaiting queries={[detail, summary]} />;
  if (!summary.data.requests.some((r) => r.kind === 'approval')) return <NothingToPrint title="本项目尚未提交立项申请" />;
  return <ApprovalForm p={detail.data} s={summary.data} />;
}

function ApprovalForm({ p, s }: { p: ProjectDetail; s: ProjectSummary }) {
  const r = s.requests.filter((x) => x.kind === 'approval').at(-1);
  if (!r) return null;
  const notice = latestNotice(s, 'initiation');
  const acceptance = latestNotice(s, 'acceptance');
  const simple = p.type === 'simple';
  return (
    <PrintLayout title={simple ? '维修资金立项及拨付申请单' : '维修资金使用立项申请单'} number={r.no} signatures={FORM_SIGNATURES} onePage>
      <h3>一、项目信息</h3>
      <ProjectFactsTable p={p} />
      <h3>二、申请信息</h3>
      <RequestLine r={r} />
      <h3>三、维修设施设备及预算</h3>
      <ItemsTable p={p} />
      {!simple && (
        <>
          <h3>四、拨付计划</h3>
          <PhasesTable p={p} />
        </>
      )}
      <h3>{simple ? '四' : '五'}、公示与表决</h3>
      <table>
        <tbody>
          <tr>
            <th>立项公示</th>
            <td>{notice ? `${notice.no}，公示截止日 ${notice.deadline}` : '未发布'}</td>
          </tr>
          <tr>
            <th>业主表决</th>
            <td>{voteText(s)}</td>
          </tr>
          {simple && (
            <tr>
              <th>项目验收</th>
              <td>
                {s.acceptance ? `${s.acceptance.date} 验收：${s.acceptance.result}` : '未验收'}
                {acceptance ? `；验收公示 ${acceptance.no}` : ''}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {simple && r.payees.length > 0 && (
        <>
          <h3>五、收款账户</h3>
          <PayeesTable payees={r.payees} />
        </>
      )}
      {r.note && <p>申请说明：{r.note}</p>}
      <p>
        说明：申请人请携本申请单（加盖业主委员会公章）及相关资料至维修资金管理部门受理窗口办理；
        {simple ? '立项与资金拨付一并审核，审核通过后由专户银行划转至上述收款账户。' : '审核通过后方可申请资金拨付。'}
      </p>
    </PrintLayout>
  );
}

function voteText(s: ProjectSummary): string {
  if (s.type === 'emergency') return '紧急维修项目，无需业主表决';
  if (!s.vote) return '未录入';
  const t = s.vote.totals;
  return `${s.vote.passed ? '表决通过' : '表决未通过'}：参与表决面积 ${formatArea(t.participatingArea)} ㎡ / ${formatArea(t.rangeArea)} ㎡，参与 ${t.participatingOwners} 人 / ${t.rangeOwners} 人；同意面积 ${formatArea(t.agreeArea)} ㎡，同意 ${t.agreeOwners} 人`;
}
