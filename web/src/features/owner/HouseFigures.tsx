import { Statistic } from 'antd';
import { formatYuan } from '../../lib/units';

/** 应交 / 已交 / 余额 of a house, in yuan with two decimals, three across even on a phone. */
export function HouseFigures({ h }: { h: { amountDue: number; deposited: number; balance: number } }) {
  return (
    <div className="owner-figures">
      <Statistic title="应交（元）" value={formatYuan(h.amountDue)} />
      <Statistic title="已交（元）" value={formatYuan(h.deposited)} />
      <Statistic title="余额（元）" value={formatYuan(h.balance)} />
    </div>
  );
}
