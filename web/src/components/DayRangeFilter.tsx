import { DatePicker } from 'antd';
import { dayjs, endOfPlatformDay, startOfPlatformDay } from '../lib/dates';

interface DayRange {
  from?: string;
  to?: string;
}

/** A list's filter by calendar days (kept in the address bar as YYYY-MM-DD), e.g. 提交日期. */
export function DayRangeFilter({ label, from, to, onChange }: DayRange & { label: string; onChange: (range: DayRange) => void }) {
  return (
    <DatePicker.RangePicker
      aria-label={label}
      placeholder={[`${label}起`, `${label}止`]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(r) => onChange({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })}
    />
  );
}

/** The filter's days as the server takes them: from the start of the first to the end of the last, in Beijing. */
export function dayRangeQuery({ from, to }: DayRange): { from?: string; to?: string } {
  return {
    from: from ? startOfPlatformDay(dayjs(from)) : undefined,
    to: to ? endOfPlatformDay(dayjs(to)) : undefined,
  };
}
