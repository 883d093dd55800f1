import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { decideVote, VOTE_RULE_LABELS, type VoteRule } from '../../../../../server/src/domain/vote.ts';
import { ExportButton } from '../../../components/ExportButton';
import { PrintButton } from '../../../components/PrintButton';
import { usePagedQuery } from '../../../lib/paging';
import { errorMessage } from '../../../lib/serverErrors';
import { AREA_RULE, formatArea, parseArea } from '../../../lib/units';
import {
  fetchVoteSheet,
  PROJECTS_KEY,
  type ProjectSummary,
  recordVote,
  useRefreshProject,
  type VoteBody,
  type VoteResult,
  type VoteSheetRow,
} from '../api';
import { HouseNumberSearch } from '../HouseNumberSearch';
import { printPath } from '../labels';
import { ActionFrame, actionOf, BlockedAlert } from './ActionFrame';
import { EvotePanel } from './EvotePanel';

/** The largest page the server hands out. */
const SHEET_PAGE = 200;

type Choice = 'agree' | 'oppose' | 'abstain';
const CHOICES: { value: Choice | ''; label: string }[] = [
  { value: 'agree', label: '同意' },
  { value: 'oppose', label: '反对' },
  { value: 'abstain', label: '弃权' },
  { value: '', label: '未参与' },
];

function ResultAlert({ result }: { result: VoteResult }) {
  const t = result.totals;
  return (
    <Alert
      type={result.passed ? 'success' : 'error'}
      showIcon
      data-testid="vote-result"
      title={
        result.passed
          ? `表决通过（${VOTE_RULE_LABELS[result.rule]}）`
          : `表决未通过（${VOTE_RULE_LABELS[result.rule]}），项目不能继续下一步`
      }
      description={
        <>
          <div>
            表决范围 {formatArea(t.rangeArea)} ㎡ / {t.rangeOwners} 人；参与表决 {formatArea(t.participatingArea)} ㎡ /{' '}
            {t.participatingOwners} 人；同意 {formatArea(t.agreeArea)} ㎡ / {t.agreeOwners} 人
          </div>
          {result.reasons.map((r) => (
            <div key={r}>· {r}</div>
          ))}
        </>
      }
    />
  );
}

/**
 * Saves an entry after the person confirmed what it leads to; null when they went back to check.
 * `verdict` is what the typed totals give (unknown for the signed sheet, which the server counts).
 */
type SaveVote = (body: VoteBody, verdict: boolean | null) => Promise<VoteResult | null>;

/** F-42: what saving a result leads to, said before it is saved. */
export function voteConsequence(verdict: boolean | null, correcting: boolean): string {
  const outcome =
    verdict === true
      ? '按所填结果表决通过：保存后，立项公示期满即可提交立项申请。'
      : verdict === false
        ? '按所填结果表决未通过：保存后项目不能继续，须重新发布立项公示后再次表决。'
        : '保存后按签字表统计并判定：通过则公示期满可提交立项申请；未通过则须重新发布立项公示后再次表决。';
  const after = correcting ? '更正将替换原结果，更正原因与原结果一并留有记录。' : '提交立项申请前如发现录入有误，可以更正，更正留有记录。';
  return `${outcome}${after}`;
}

interface TotalsValues {
  participatingArea: string;
  participatingOwners: number;
  agreeArea: string;
  agreeOwners: number;
}

/** 按合计录入: the totals counted from the signed sheets; the rule's verdict is shown as they are typed. */
function TotalsForm({
  range,
  rule,
  save,
  onDone,
}: {
  range: { area: number; owners: number };
  rule: VoteRule;
  save: SaveVote;
  onDone: (r: VoteResult) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TotalsValues>();
  const values = Form.useWatch([], form);
  const [busy, setBusy] = useState(false);
  const totals = values && {
    rangeArea: range.area,
    rangeOwners: range.owners,
    participatingArea: parseArea(values.participatingArea ?? '') ?? Number.NaN,
    participatingOwners: values.participatingOwners ?? Number.NaN,
    agreeArea: parseArea(values.agreeArea ?? '') ?? Number.NaN,
    agreeOwners: values.agreeOwners ?? Number.NaN,
  };
  const complete = totals && Object.values(totals).every((v) => Number.isSafeInteger(v));
  const verdict = complete ? decideVote(rule, totals) : null;
  const areaRule = (label: string) => [
    { required: true, whitespace: true, message: `请填写${label}` },
    {
      validator: (_: unknown, v?: string) =>
        !v?.trim() || parseArea(v) !== null || v.trim() === '0' ? Promise.resolve() : Promise.reject(new Error(`${label}${AREA_RULE}`)),
    },
  ];
  const submit = async (v: TotalsValues) => {
    setBusy(true);
    try {
      const r = await save(
        {
          mode: 'totals',
          participatingArea: parseArea(v.participatingArea) ?? 0,
          participatingOwners: v.participatingOwners,
          agreeArea: parseArea(v.agreeArea) ?? 0,
          agreeOwners: v.agreeOwners,
        },
        verdict?.passed ?? null,
      );
      if (r) onDone(r);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} name="vote-totals" layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
      <Form.Item name="participatingArea" label="参与表决面积（㎡）" rules={areaRule('参与表决面积')}>
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="participatingOwners" label="参与表决人数" rules={[{ required: true, message: '请填写参与表决人数' }]}>
        <InputNumber min={0} precision={0} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="agreeArea" label="同意面积（㎡）" rules={areaRule('同意面积')}>
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="agreeOwners" label="同意人数" rules={[{ required: true, message: '请填写同意人数' }]}>
        <InputNumber min={0} precision={0} style={{ width: 110 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存
      </Button>
      {verdict && (
        <Typography.Paragraph
          type={verdict.passed ? 'success' : 'danger'}
          style={{ width: '100%', marginTop: 8 }}
          data-testid="vote-verdict"
        >
          按{VOTE_RULE_LABELS[rule]}：{verdict.passed ? '达到表决通过条件' : `未达到表决通过条件：${verdict.reasons.join('；')}`}
        </Typography.Paragraph>
      )}
    </Form>
  );
}

/** 逐户录入: each house's choice from the signed sheet; the server counts the totals (one owner of several houses once). */
function HousesForm({ projectId, save, onDone }: { projectId: number; save: SaveVote; onDone: (r: VoteResult) => void }) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [choices, setChoices] = useState<ReadonlyMap<number, Choice | ''>>(new Map());
  const [busy, setBusy] = useState(false);
  const {
    query: sheet,
    pagination,
    firstPage,
  } = usePagedQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'vote-sheet', { q }],
    fetchPage: ({ page, pageSize }) => fetchVoteSheet(projectId, page, pageSize, q || undefined),
  });
  // a house that voted online keeps its online choice; its paper entry is not taken.
  const choiceOf = (h: VoteSheetRow): Choice | '' => (h.online ? '' : (choices.get(h.houseId) ?? (h.choice as Choice | null) ?? ''));
  const set = (rows: VoteSheetRow[], c: Choice | '') =>
    setChoices((prev) => new Map([...prev, ...rows.filter((h) => !h.online).map((h) => [h.houseId, c] as const)]));

  // Houses never touched keep the choice the server already holds for them, so all pages are read once on 保存.
  const submit = async () => {
    setBusy(true);
    try {
      const all: VoteSheetRow[] = [];
      for (let p = 1; ; p++) {
        const part = await fetchVoteSheet(projectId, p, SHEET_PAGE);
        all.push(...part.items);
        if (all.length >= part.total || part.items.length === 0) break;
      }
      const ballots = all
        .map((h) => ({ houseId: h.houseId, choice: choiceOf(h) }))
        .filter((b): b is { houseId: number; choice: Choice } => b.choice !== '');
      const r = await save({ mode: 'houses', ballots }, null);
      if (!r) return;
      onDone(r);
      setChoices(new Map());
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const rows = sheet.data?.items ?? [];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Button onClick={() => set(rows, 'agree')}>本页全部同意</Button>
        <Button onClick={() => set(rows, '')}>本页全部未参与</Button>
        <HouseNumberSearch
          onSearch={(text) => {
            setQ(text);
            firstPage();
          }}
        />
        <Button type="primary" loading={busy} onClick={submit} style={{ marginInlineStart: 'auto' }}>
          保存并统计
        </Button>
      </Flex>
      <Table<VoteSheetRow>
        rowKey="houseId"
        size="small"
        loading={sheet.isFetching}
        dataSource={rows}
        pagination={{
          ...pagination,
          showTotal: (total) => (q ? `找到 ${total} 户` : `共 ${total} 户`),
        }}
        columns={[
          { title: '房屋坐落', dataIndex: 'address' },
          { title: '业主', dataIndex: 'owners', width: 200, ellipsis: true },
          { title: '建筑面积（㎡）', dataIndex: 'buildingArea', width: 120, align: 'right', render: (a: number) => formatArea(a) },
          {
            title: '表决意见',
            key: 'choice',
            width: 300,
            render: (_: unknown, h) =>
              h.online ? (
                <Flex gap={8} align="center">
                  <Tag color="blue">已网上投票</Tag>
                  <Typography.Text type="secondary">
                    {h.choice ? `网上：${CHOICES.find((c) => c.value === h.choice)?.label ?? ''}` : '以网上投票为准'}
                  </Typography.Text>
                </Flex>
              ) : (
                <Radio.Group
                  aria-label={`表决意见（${h.address}）`}
                  value={choiceOf(h)}
                  options={CHOICES}
                  onChange={(e) => set([h], e.target.value as Choice | '')}
                />
              ),
          },
        ]}
      />
    </Flex>
  );
}

function VoteEntry({ s, projectId }: { s: ProjectSummary; projectId: number }) {
  const { message, modal } = App.useApp();
  // undefined: entering a first result; text: correcting the recorded one, for this reason.
  const [reason, setReason] = useState<string>();
  const correcting = reason !== undefined;
  const refresh = useRefreshProject();
  const [chosenMode, setMode] = useState<'totals' | 'houses'>('totals');
  const range = useQuery({
    queryKey: [...PROJECTS_KEY, projectId, 'vote-sheet', 'range'],
    queryFn: () => fetchVoteSheet(projectId, 1, 1),
  });
  // with an e-vote the sheet is entered house by house, so online and paper ballots merge per house.
  const withEvote = !!range.data?.evote;
  const mode = withEvote ? 'houses' : chosenMode;
  // The verdict is then shown from the project's own record, above.
  const done = async (r: VoteResult) => {
    const what = correcting ? '表决结果已更正' : '表决结果已保存';
    if (r.passed) message.success(`${what}：表决通过`);
    else message.warning(`${what}：表决未通过`);
    setReason(undefined);
    await refresh();
  };
  const save: SaveVote = async (body, verdict) => {
    if (reason !== undefined && !reason.trim()) {
      message.error('请填写更正原因');
      return null;
    }
    const ok = await modal.confirm({
      title: correcting ? '更正表决结果？' : '保存表决结果？',
      content: voteConsequence(verdict, correcting),
      okText: correcting ? '确认更正' : '确认保存',
      cancelText: '返回核对',
    });
    if (!ok) return null;
    return recordVote(projectId, reason !== undefined ? { ...body, correctionReason: reason.trim() } : body);
  };
  const action = actionOf(s, 'vote');
  const correction = s.corrections.vote;
  const rule = (s.vote?.rule as VoteRule | undefined) ?? s.rules.voteRule;
  const entering = action?.allowed || correcting;
  const evoteRunning = withEvote && range.data?.evote?.phase !== 'closed';
  if (entering && evoteRunning) {
    return (
      <Card size="small" title="录入投票表决结果">
        <Alert type="info" showIcon title="电子投票进行中：投票结束后再按签字表逐户录入纸质表决票并确认表决结果。" />
      </Card>
    );
  }
  return (
    <Card size="small" title={correcting ? '更正投票表决结果' : '录入投票表决结果'}>
      {!entering && <BlockedAlert action={action} />}
      {!entering && correction.allowed && (
        <Button style={{ marginTop: 12 }} onClick={() => setReason('')}>
          更正表决结果
        </Button>
      )}
      {entering && (
        <Flex vertical gap={12}>
          {reason !== undefined && (
            <Flex gap={8} align="center" wrap>
              <Typography.Text>更正原因：</Typography.Text>
              <Input
                aria-label="更正原因"
                value={reason}
                maxLength={200}
                placeholder="如：同意人数录入错误，以签字表为准"
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 360 }}
                status={reason.trim() ? undefined : 'error'}
              />
              <Button onClick={() => setReason(undefined)}>取消更正</Button>
            </Flex>
          )}
          <Typography.Text>
            表决范围：{range.data ? `${formatArea(range.data.rangeArea)} ㎡，${range.data.rangeOwners} 人（${range.data.total} 户）` : '…'}
          </Typography.Text>
          <Radio.Group
            optionType="button"
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[
              { value: 'totals', label: '按合计录入', disabled: withEvote },
              { value: 'houses', label: '按签字表逐户录入' },
            ]}
          />
          {withEvote && (
            <Typography.Text type="secondary" data-testid="evote-entry-note">
              本次表决有网上投票（{range.data?.evote?.onlineHouses ?? 0}{' '}
              户），须按签字表逐户录入，已网上投票的房屋以网上投票为准，不能再录入纸质意见。
            </Typography.Text>
          )}
          {mode === 'totals' && range.data ? (
            <TotalsForm range={{ area: range.data.rangeArea, owners: range.data.rangeOwners }} rule={rule} save={save} onDone={done} />
          ) : (
            mode === 'houses' && <HousesForm projectId={projectId} save={save} onDone={done} />
          )}
        </Flex>
      )}
    </Card>
  );
}

/** 投票表决管理 (manual §1.3.1 第三步): print the signature sheet; after the vote, enter its result. */
export function VotePage() {
  return (
    <ActionFrame title="投票表决管理">
      {(s, id) => (
        <>
          <Flex gap={12} align="center">
            <PrintButton path={printPath.voteSheet(id)}>打印投票表决签字表</PrintButton>
            <ExportButton url={`/api/projects/${id}/vote-sheet.xlsx`} fileName="表决结果.xlsx">
              导出表决结果
            </ExportButton>
            <Typography.Text type="secondary">分摊范围内每户一行：面积、业主，同意 / 反对 / 弃权及签字栏。</Typography.Text>
          </Flex>
          {s.vote && <ResultAlert result={{ rule: s.vote.rule as VoteRule, totals: s.vote.totals, passed: s.vote.passed, reasons: [] }} />}
          <EvotePanel s={s} projectId={id} />
          <VoteEntry s={s} projectId={id} />
        </>
      )}
    </ActionFrame>
  );
}
