import { Timeline, Typography } from 'antd';
import type { ApplicationEvent } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { EVENT_LABELS } from './labels';

const COLORS: Record<string, string> = { reject: 'red', approve: 'green', withdraw: 'gray', accept: 'cyan' };

/** 办理过程: every step of the application, who took it and when, with its note. */
export function EventTimeline({ events }: { events: ApplicationEvent[] }) {
  return (
    <Timeline
      items={events.map((e, i) => ({
        key: i,
        color: COLORS[e.action] ?? 'blue',
        content: (
          <>
            <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>{' '}
            <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {e.orgName} {e.userName}
            </Typography.Text>
            {e.note && <div>{e.action === 'reject' ? `退回原因：${e.note}` : e.note}</div>}
          </>
        ),
      }))}
    />
  );
}
