import { Descriptions, Table, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/dates';
import { formatArea, formatYuan } from '../../lib/units';
import type { ProjectDetail, ProjectSummary } from '../project-print/api';
import { eventLabel } from '../projects/labels';

/** What the office checks before approving: the project, its items, notices and vote. */
export function ProjectFactsPanel({ p, s }: { p: ProjectDetail; s: ProjectSummary }) {
  const vote = s.vote;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'name', label: '项目名称', children: p.name },
          { key: 'no', label: '项目编号', children: p.no },
          { key: 'type', label: '项目类型', children: p.typeLabel },
          { key: 'status', label: '项目状态', children: s.statusLabel },
          { key: 'area', label: '物业区域', children: p.areaName },
          { key: 'period', label: '施工期限', children: p.periodFrom ? `${p.periodFrom} 至 ${p.periodTo ?? ''}` : '—' },
          {
            key: 'vote',
            label: '业主表决',
            span: 2,
            children:
              p.type === 'emergency'
                ? '紧急维修项目，无需表决'
                : vote
                  ? `${vote.passed ? '通过' : '未通过'}（参与面积 ${formatArea(vote.totals.participatingArea)} / ${formatArea(vote.totals.rangeArea)} ㎡，参与 ${vote.totals.participatingOwners} / ${vote.totals.rangeOwners} 人，同意面积 ${formatArea(vote.totals.agreeArea)} ㎡，同意 ${vote.totals.agreeOwners} 人）`
                  : '未录入',
          },
          {
            key: 'notices',
            label: '公示',
            span: 2,
            children: s.notices.length
              ? s.notices.map((n) => (
                  <div key={n.no}>
                    <Link to={`/notices/${n.no}`} target="_blank">
                      {n.kindLabel} {n.no}
                    </Link>
                    （{formatDateTime(n.publishedAt)} 发布，截止 {n.deadline}）
                  </div>
                ))
              : '未发布',
          },
          {
            key: 'acceptance',
            label: '项目验收',
            span: 2,
            children: s.acceptance
              ? `${formatDate(s.acceptance.date)}：${s.acceptance.result}，结算金额 ${formatYuan(s.acceptance.settlement)} 元`
              : '未验收',
          },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.items}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '设施设备', dataIndex: 'facilityName' },
          { title: '类型', dataIndex: 'facilityType' },
          { title: '维修内容', dataIndex: 'content' },
          { title: '施工单位', dataIndex: 'contractor' },
          { title: '分摊户数', dataIndex: 'houseCount', align: 'right' },
          { title: '预算（元）', dataIndex: 'budget', align: 'right', render: (f: number) => formatYuan(f) },
        ]}
      />
    </>
  );
}

/** 办理过程 of the project: every step, who, when. */
export function ProjectTimeline({ s }: { s: ProjectSummary }) {
  return (
    <Timeline
      items={s.timeline.map((e, i) => ({
        key: i,
        color: e.action.endsWith('reject') || e.action === 'vote.failed' ? 'red' : 'blue',
        content: (
          <>
            <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>{' '}
            <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {e.orgName} {e.userName}
            </Typography.Text>
            {e.note && <div>{e.note}</div>}
          </>
        ),
      }))}
    />
  );
}
