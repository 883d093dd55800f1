import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, List, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/serverErrors';

type OwnerVote = ApiResponse<'/api/owner/evotes'>['items'][number];
type Choice = 'agree' | 'oppose' | 'abstain';
type ReceiptCheck = ApiResponse<'/api/owner/evote-receipts'>;

const EVOTES = ['owner', 'evotes'] as const;
const CHOICES: { value: Choice; label: string }[] = [
  { value: 'agree', label: '同意' },
  { value: 'oppose', label: '反对' },
  { value: 'abstain', label: '弃权' },
];
const label = (c: string | null) => CHOICES.find((x) => x.value === c)?.label ?? '';
const PHASE = { pending: ['default', '未开始'], open: ['processing', '投票中'], closed: ['success', '已结束'] } as const;

/**
 * 投票 (F-82) on the owner's page: one card per house and vote, with 同意 / 反对 / 弃权, the counted
 * choice and its receipt code; 查验回执 checks a receipt. Phone first: one column, large targets.
 */
export function OwnerVoteSection({ enabled }: { enabled: boolean }) {
  const votes = useQuery({ queryKey: EVOTES, queryFn: () => call(api.GET('/api/owner/evotes')), enabled });
  if (!enabled) return null;
  return (
    <Card title="投票" style={{ marginTop: 16 }} data-testid="owner-votes">
      <List
        loading={votes.isPending}
        dataSource={votes.data?.items ?? []}
        locale={{ emptyText: '暂无需要您表决的维修项目' }}
        renderItem={(v) => (
          <List.Item key={`${v.evoteId}-${v.houseId}`} style={{ display: 'block' }}>
            <VoteCard v={v} />
          </List.Item>
        )}
      />
      {votes.isError && <Alert type="error" showIcon title={errorMessage(votes.error)} />}
      <ReceiptCheckForm />
    </Card>
  );
}

function VoteCard({ v }: { v: OwnerVote }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice | undefined>((v.choice as Choice | null) ?? undefined);
  const [receipt, setReceipt] = useState<string | null>(null);
  const cast = useMutation({
    mutationFn: (c: Choice) => call(api.POST('/api/owner/evote-ballots', { body: { evoteId: v.evoteId, houseId: v.houseId, choice: c } })),
    onSuccess: async (r) => {
      setReceipt(r.receiptCode);
      message.success(`投票成功：${label(r.choice)}，回执码 ${r.receiptCode}`);
      await queryClient.invalidateQueries({ queryKey: EVOTES });
    },
  });
  const [color, phaseText] = PHASE[v.phase];
  const open = v.phase === 'open';
  return (
    <Flex vertical gap={8} data-testid="owner-vote">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong>{v.projectName}</Typography.Text>
        <Tag color={color}>{phaseText}</Tag>
      </Flex>
      <Typography.Text type="secondary">
        房屋：{v.house}（{v.area}）
      </Typography.Text>
      <Typography.Text type="secondary">
        投票期：{formatDateTime(v.opensAt)} 至 {formatDateTime(v.closesAt)}；依据立项公示 {v.noticeNo}
      </Typography.Text>
      {v.choice ? (
        <Typography.Text data-testid="owner-vote-current">
          当前意见：<strong>{label(v.choice)}</strong>（{formatDateTime(v.castAt)}），回执码 <code>{v.receiptCode}</code>
        </Typography.Text>
      ) : (
        <Typography.Text>尚未投票</Typography.Text>
      )}
      {open && (
        <>
          <Radio.Group
            aria-label={`表决意见（${v.house}）`}
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={choice}
            options={CHOICES}
            onChange={(e) => setChoice(e.target.value as Choice)}
          />
          <Button
            type="primary"
            size="large"
            block
            disabled={!choice}
            loading={cast.isPending}
            onClick={() => choice && cast.mutate(choice)}
          >
            {v.choice ? '修改投票' : '提交投票'}
          </Button>
          <Typography.Text type="secondary">投票结束前可以修改，以最后一次投票为准。请记下回执码，用于查验。</Typography.Text>
        </>
      )}
      {receipt && <Alert type="success" showIcon title={`已投票，回执码 ${receipt}`} />}
      {cast.isError && <Alert type="error" showIcon role="alert" title={errorMessage(cast.error)} />}
    </Flex>
  );
}

function ReceiptCheckForm() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<ReceiptCheck | null>(null);
  const check = useMutation({
    mutationFn: (c: string) => call(api.GET('/api/owner/evote-receipts', { params: { query: { code: c } } })),
    onSuccess: setResult,
    onError: () => setResult(null),
  });
  return (
    <Flex vertical gap={8} style={{ marginTop: 16 }}>
      <Typography.Text strong>查验回执</Typography.Text>
      <Flex gap={8}>
        <Input
          aria-label="回执码"
          placeholder="如 1A2B-3C4D-5E6F"
          value={code}
          maxLength={20}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => code.trim() && check.mutate(code.trim())}
        />
        <Button onClick={() => check.mutate(code.trim())} disabled={!code.trim()} loading={check.isPending}>
          查验
        </Button>
      </Flex>
      {result?.items.map((i) => (
        <Alert key={i.ballotId} type={i.counted ? 'success' : 'warning'} showIcon data-testid="receipt-result" title={i.message} />
      ))}
      {check.isError && <Alert type="error" showIcon role="alert" title={errorMessage(check.error)} />}
    </Flex>
  );
}
