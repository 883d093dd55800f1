import { useParams } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import { formatArea } from '../../lib/units';
import { PrintLayout } from '../../print/PrintLayout';
import { useEvoteResult } from '../projects/evoteApi';
import type { EvoteResult } from '../projects/evoteApi';
import { type ProjectDetail, useProjectDetail } from './api';
import { PrintWaiting, ready } from './PrintState';
import './project-print.css';

/**
 * /print/project/:id/evote-result — 表决结果公告 (F-82, R-82): the result of the vote over the paper and
 * online ballots, with the rule applied, and the final hash of the ballot chain that owners' receipts
 * lead to.
 */
export function EvoteResultPrint() {
  const id = Number(useParams().id) || undefined;
  const detail = useProjectDetail(id);
  const result = useEvoteResult(id);
  const all = [detail, result];
  if (!ready(all) || !detail.data || !result.data) return <PrintWaiting queries={all} />;
  return <ResultNotice p={detail.data} r={result.data} />;
}

function ResultNotice({ p, r }: { p: ProjectDetail; r: EvoteResult }) {
  const t = r.totals;
  return (
    <PrintLayout title="表决结果公告" number={p.no} signatures={['业主委员会（盖章）', '计票人', '监票人', '日期']} onePage>
      <table>
        <tbody>
          <tr>
            <th>表决事项</th>
            <td colSpan={3}>
              使用住宅专项维修资金实施“{p.name}”（{p.typeLabel}）
            </td>
          </tr>
          <tr>
            <th>物业区域</th>
            <td>{p.areaName}</td>
            <th>立项公示</th>
            <td>{r.noticeNo}</td>
          </tr>
          <tr>
            <th>电子投票</th>
            <td colSpan={3}>
              {formatDateTime(r.opensAt)} 至 {formatDateTime(r.closesAt)}（已结束）
            </td>
          </tr>
          <tr>
            <th>表决规则</th>
            <td colSpan={3}>{r.ruleLabel}</td>
          </tr>
        </tbody>
      </table>
      <table data-testid="evote-result-totals">
        <thead>
          <tr>
            <th />
            <th>专有部分面积（㎡）</th>
            <th>业主人数</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>表决范围</th>
            <td className="num">{formatArea(t.rangeArea)}</td>
            <td className="num">{t.rangeOwners}</td>
          </tr>
          <tr>
            <th>参与表决</th>
            <td className="num">{formatArea(t.participatingArea)}</td>
            <td className="num">{t.participatingOwners}</td>
          </tr>
          <tr>
            <th>同意</th>
            <td className="num">{formatArea(t.agreeArea)}</td>
            <td className="num">{t.agreeOwners}</td>
          </tr>
        </tbody>
      </table>
      <p>
        计票：表决范围共 {r.rangeHouses} 户，网上投票 {r.onlineHouses} 户，纸质表决票 {r.paperHouses}{' '}
        户；同一房屋既有网上投票又有纸质表决票的，以网上投票为准。
      </p>
      <p data-testid="evote-result-verdict">
        <strong>表决结果：{r.passed ? '表决通过' : '表决未通过'}</strong>
        {r.reasons.length > 0 && `（${r.reasons.join('；')}）`}
        {!r.recorded && '（业主委员会尚未确认录入本结果）'}
      </p>
      <p>
        选票链最终哈希（SHA-256）：
        <code data-testid="evote-final-hash" style={{ wordBreak: 'break-all' }}>
          {r.finalHash}
        </code>
      </p>
      <p>
        选票链核验：
        {r.chain.valid
          ? `${r.chain.checked} 张网上选票逐张核验一致。`
          : `发现 ${r.chain.broken.length} 张选票与记录不符，请联系维修资金管理部门。`}
        业主可凭投票回执码在业主门户“查验回执”核对本人选票已按所投计入。
      </p>
      <p>投票结束时间：{formatDateTime(r.closedAt)}</p>
    </PrintLayout>
  );
}
