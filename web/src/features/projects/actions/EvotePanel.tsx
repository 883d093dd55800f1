import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Progress, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { PrintButton } from '../../../components/PrintButton';
import { dayjs, endOfPlatformDay, formatDateTime, startOfPlatformDay } from '../../../lib/dates';
import { errorMessage } from '../../../lib/serverErrors';
import { formatArea } from '../../../lib/units';
import { type ProjectSummary, useRefreshProject } from '../api';
import { openEvote, PHASE_LABELS, useEvote } from '../evoteApi';
import { printPath } from '../labels';
import { actionOf } from './ActionFrame';

const percent = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 1000) / whole) / 10 : 0);

/**
 * F-82 电子投票 on the vote step: 发起电子投票 with its first and last day, then the turnout while it
 * runs (area and owners, never the direction), and after the end the 表决结果公告 to print.
 */
export function EvotePanel({ s, projectId }: { s: ProjectSummary; projectId: number }) {
  const evote = useEvote(projectId);
  const action = actionOf(s, 'vote');
  if (!evote.data) return null;
  const { evote: e, turnout } = evote.data;
  if (!e) {
    if (!action?.allowed) return null;
    return <OpenEvoteForm projectId={projectId} />;
  }
  const phaseColor = e.phase === 'open' ? 'processing' : e.phase === 'pending' ? 'default' : 'success';
  return (
    <Card size="small" title="电子投票" data-testid="evote-panel" extra={<Tag color={phaseColor}>{PHASE_LABELS[e.phase]}</Tag>}>
      <Flex vertical gap={12}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="投票开始">{formatDateTime(e.opensAt)}</Descriptions.Item>
          <Descriptions.Item label="投票结束">{formatDateTime(e.closesAt)}</Descriptions.Item>
          {turnout && (
            <>
              <Descriptions.Item label="已投票户数">
                {turnout.housesVoted} / {turnout.rangeHouses} 户
              </Descriptions.Item>
              <Descriptions.Item label="选票张数">{turnout.ballots} 张（含修改）</Descriptions.Item>
              <Descriptions.Item label="参与面积">
                <span data-testid="evote-turnout-area">
                  {formatArea(turnout.participatingArea)} / {formatArea(turnout.rangeArea)} ㎡
                </span>
                <Progress percent={percent(turnout.participatingArea, turnout.rangeArea)} size="small" />
              </Descriptions.Item>
              <Descriptions.Item label="参与人数">
                <span data-testid="evote-turnout-owners">
                  {turnout.participatingOwners} / {turnout.rangeOwners} 人
                </span>
                <Progress percent={percent(turnout.participatingOwners, turnout.rangeOwners)} size="small" />
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        {e.phase !== 'closed' ? (
          <Typography.Text type="secondary">
            投票期间只显示参与面积和人数，不显示各户的表决意见；到结束时间投票自动结束，之后录入纸质表决票并确认表决结果。
          </Typography.Text>
        ) : (
          <Flex gap={12} align="center" wrap>
            <PrintButton path={printPath.evoteResult(projectId)}>打印表决结果公告</PrintButton>
            <Typography.Text type="secondary">
              电子投票已结束。请在下方“按签字表逐户录入”纸质表决票（已网上投票的房屋以网上投票为准）并保存，即确认表决结果。
            </Typography.Text>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

interface OpenValues {
  period: [Dayjs, Dayjs];
}

function OpenEvoteForm({ projectId }: { projectId: number }) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshProject();
  const [busy, setBusy] = useState(false);
  const today = dayjs().startOf('day');
  const submit = async (v: OpenValues) => {
    const [from, to] = v.period;
    // A first day of today starts now; a later one at the start of that day. The vote ends at the end of the last day.
    const opensAt = from.isSame(today, 'day') ? new Date().toISOString() : startOfPlatformDay(from);
    const closesAt = endOfPlatformDay(to);
    const ok = await modal.confirm({
      title: '发起电子投票？',
      content: `业主可在 ${formatDateTime(opensAt)} 至 ${formatDateTime(closesAt)} 期间网上投票并可修改，到期自动结束；同一立项公示只能发起一次。`,
      okText: '确认发起',
      cancelText: '返回修改',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await openEvote(projectId, { opensAt, closesAt });
      message.success('电子投票已发起');
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="电子投票">
      <Flex vertical gap={8}>
        <Alert
          type="info"
          showIcon
          title="可发起电子投票：已绑定身份的业主在业主门户按户投票，纸质表决票在投票结束后逐户录入，同一房屋以网上投票为准。"
        />
        <Form<OpenValues> name="evote-open" layout="inline" onFinish={submit}>
          <Form.Item name="period" label="投票期" rules={[{ required: true, message: '请选择投票开始和结束日期' }]}>
            <DatePicker.RangePicker
              placeholder={['开始日期', '结束日期']}
              disabledDate={(d) => d.isBefore(today, 'day') || d.isAfter(today.add(59, 'day'), 'day')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            发起电子投票
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
