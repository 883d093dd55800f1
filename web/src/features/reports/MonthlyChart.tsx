import { Flex, Typography } from 'antd';
import { formatYuan } from '../../lib/units';
import type { MonthFigures } from './api';

const DEPOSIT_COLOUR = '#1554ad';
const DISBURSE_COLOUR = '#e8863a';
const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 16, right: 12, bottom: 36, left: 72 };

/** The `count` months ending with `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** A round axis maximum (1, 2 or 5 × 10ⁿ fen) at or above `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 100;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((s) => s * p >= max) ?? 10) * p;
}

/** 万元 with up to two decimals for the axis (display only). */
const tenThousands = (fen: number) => `${Number((fen / 1_000_000).toFixed(2))}`;

/**
 * F-63 按月交存与支出: the last twelve months as grouped bars, drawn as plain SVG. Months without any
 * movement show as empty places; every bar names its month and amount on hover and to screen readers.
 */
export function MonthlyChart({ monthly, lastMonth }: { monthly: readonly MonthFigures[]; lastMonth: string }) {
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  const months = monthsEnding(lastMonth, 12).map((month) => byMonth.get(month) ?? { month, deposits: 0, disbursements: 0 });
  const top = niceMax(Math.max(...months.map((m) => Math.max(m.deposits, m.disbursements))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / months.length;
  const barW = Math.min(18, slot / 3);
  const y = (fen: number) => PAD.top + plotH - (fen / top) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const total = (k: 'deposits' | 'disbursements') => months.reduce((s, m) => s + m[k], 0);

  return (
    <Flex vertical gap={8}>
      <Flex gap={16} wrap>
        <Legend colour={DEPOSIT_COLOUR} label={`交存（近12个月合计 ${formatYuan(total('deposits'))} 元）`} />
        <Legend colour={DISBURSE_COLOUR} label={`支出（近12个月合计 ${formatYuan(total('disbursements'))} 元）`} />
      </Flex>
      <svg
        role="img"
        aria-label="按月交存与支出"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        style={{ width: '100%', maxWidth: WIDTH, height: 'auto' }}
        data-testid="monthly-chart"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#e5e8ee" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#5b6475">
              {tenThousands(t)}
            </text>
          </g>
        ))}
        <text x={8} y={PAD.top + 4} fontSize={11} fill="#5b6475">
          万元
        </text>
        {months.map((m, i) => {
          const x = PAD.left + i * slot + slot / 2;
          return (
            <g key={m.month}>
              <Bar x={x - barW - 1} width={barW} top={y(m.deposits)} bottom={y(0)} colour={DEPOSIT_COLOUR}>
                {`${m.month} 交存 ${formatYuan(m.deposits)} 元`}
              </Bar>
              <Bar x={x + 1} width={barW} top={y(m.disbursements)} bottom={y(0)} colour={DISBURSE_COLOUR}>
                {`${m.month} 支出 ${formatYuan(m.disbursements)} 元`}
              </Bar>
              <text x={x} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#5b6475">
                {i === 0 || m.month.endsWith('-01') ? m.month : `${Number(m.month.slice(5))}月`}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#8c93a1" />
      </svg>
    </Flex>
  );
}

function Bar({
  x,
  width,
  top,
  bottom,
  colour,
  children,
}: {
  x: number;
  width: number;
  top: number;
  bottom: number;
  colour: string;
  children: string;
}) {
  // A zero month still gets a hairline, so its title can be hovered.
  const height = Math.max(bottom - top, 1);
  return (
    <rect x={x} y={bottom - height} width={width} height={height} fill={colour} rx={2} aria-label={children}>
      <title>{children}</title>
    </rect>
  );
}

function Legend({ colour, label }: { colour: string; label: string }) {
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      <span
        style={{ display: 'inline-block', width: 12, height: 12, background: colour, borderRadius: 2, marginRight: 6, verticalAlign: -1 }}
      />
      {label}
    </Typography.Text>
  );
}
