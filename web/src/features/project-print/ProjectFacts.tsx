import { formatDate } from '../../lib/dates';
import { formatYuan } from '../../lib/units';
import type { Payee, ProjectDetail, ProjectSummary } from './api';
import { Yuan } from './ProjectNoticeSheet';

/** 项目信息: what every project form starts with. */
export function ProjectFactsTable({ p }: { p: ProjectDetail }) {
  const period = p.periodFrom || p.periodTo ? `${p.periodFrom ?? ''} 至 ${p.periodTo ?? ''}` : '—';
  return (
    <table>
      <tbody>
        <tr>
          <th>项目名称</th>
          <td colSpan={3}>{p.name}</td>
        </tr>
        <tr>
          <th>项目编号</th>
          <td>{p.no}</td>
          <th>项目类型</th>
          <td>{p.typeLabel}</td>
        </tr>
        <tr>
          <th>物业区域</th>
          <td>{p.areaName}</td>
          <th>施工期限</th>
          <td>{period}</td>
        </tr>
        {p.description && (
          <tr>
            <th>项目描述</th>
            <td colSpan={3}>{p.description}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The project's money (SPEC §7.2): budget, plan, applied, transferred, refunded, settlement. */
export function MoneyTable({ s }: { s: ProjectSummary }) {
  const m = s.money;
  return (
    <table>
      <tbody>
        <tr>
          <th>预算总额（元）</th>
          <td className="num">{formatYuan(m.budget)}</td>
          <th>拨付计划合计（元）</th>
          <td className="num">{formatYuan(m.plan)}</td>
        </tr>
        <tr>
          <th>累计申请拨付（元）</th>
          <td className="num">{formatYuan(m.applied)}</td>
          <th>已划转（元）</th>
          <td className="num">{formatYuan(m.transferred)}</td>
        </tr>
        <tr>
          <th>已清退（元）</th>
          <td className="num">{formatYuan(m.refunded)}</td>
          <th>结算金额（元）</th>
          <td className="num">{m.settlement === null ? '未验收' : formatYuan(m.settlement)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 收款账户: one row per payee, with the total. */
export function PayeesTable({ payees }: { payees: Payee[] }) {
  const total = payees.reduce((a, x) => a + x.amount, 0);
  return (
    <table className="print-list">
      <thead>
        <tr>
          <th>序号</th>
          <th>收款单位</th>
          <th>账户名称</th>
          <th>开户银行</th>
          <th>银行账号</th>
          <th>金额（元）</th>
        </tr>
      </thead>
      <tbody>
        {payees.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a printed, never reordered list; one account may take two amounts
          <tr key={i}>
            <td>{i + 1}</td>
            <td>{x.unitName}</td>
            <td>{x.accountName}</td>
            <td>{x.bankName}</td>
            <td>{x.accountNo}</td>
            <td className="num">{formatYuan(x.amount)}</td>
          </tr>
        ))}
        <tr className="print-summary">
          <td colSpan={5}>合计</td>
          <td className="num">{formatYuan(total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 维修设施设备: items with their budgets and ranges. */
export function ItemsTable({ p }: { p: ProjectDetail }) {
  return (
    <table className="print-list">
      <thead>
        <tr>
          <th>序号</th>
          <th>设施设备</th>
          <th>类型</th>
          <th>维修内容</th>
          <th>施工单位</th>
          <th>分摊户数</th>
          <th>预算（元）</th>
        </tr>
      </thead>
      <tbody>
        {p.items.map((i) => (
          <tr key={i.id}>
            <td>{i.seq}</td>
            <td>{i.facilityName}</td>
            <td>{i.facilityType}</td>
            <td>{i.content}</td>
            <td>{i.contractor || '—'}</td>
            <td className="num">{i.houseCount}</td>
            <td className="num">{formatYuan(i.budget)}</td>
          </tr>
        ))}
        <tr className="print-summary">
          <td colSpan={6}>合计</td>
          <td className="num">{formatYuan(p.budgetTotal)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 拨付计划: phases with their amounts and conditions. */
export function PhasesTable({ p }: { p: ProjectDetail }) {
  return (
    <table className="print-list">
      <thead>
        <tr>
          <th>期次</th>
          <th>拨付条件</th>
          <th>计划金额（元）</th>
        </tr>
      </thead>
      <tbody>
        {p.phases.map((ph) => (
          <tr key={ph.id}>
            <td>第 {ph.seq} 期</td>
            <td>{ph.condition || '—'}</td>
            <td className="num">{formatYuan(ph.amount)}</td>
          </tr>
        ))}
        <tr className="print-summary">
          <td colSpan={2}>合计</td>
          <td className="num">{formatYuan(p.phases.reduce((a, ph) => a + ph.amount, 0))}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The request's own line: number, submitted, status and, when refused, why. */
export function RequestLine({ r }: { r: ProjectSummary['requests'][number] }) {
  return (
    <table>
      <tbody>
        <tr>
          <th>申请编号</th>
          <td>{r.no}</td>
          <th>提交日期</th>
          <td>{formatDate(r.submittedAt)}</td>
        </tr>
        <tr>
          <th>申请金额</th>
          <td colSpan={3}>
            <Yuan fen={r.amount} />
          </td>
        </tr>
        <tr>
          <th>当前状态</th>
          <td colSpan={3}>
            {r.statusLabel}
            {r.rejectReason ? `（退回原因：${r.rejectReason}）` : ''}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
