/**
 * F-41 public notice periods (公示期). Dates are calendar days as 'YYYY-MM-DD' text, the city's
 * local date; no time of day or time zone enters.
 *
 * The period is counted as the Civil Code counts periods in days (art. 201): the day of publication
 * is not counted, the period starts the next day. A notice published on 12-01 with a 7-day minimum
 * may therefore close on 12-08 at the earliest, and is over from 12-09.
 */
export const DEFAULT_NOTICE_DAYS = 7;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD', else null. */
function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/** F-41: the earliest deadline (公示截止日) a notice published on `publishDate` may have. */
export function earliestDeadline(publishDate: string, minDays: number): string {
  const day = dayNumber(publishDate);
  if (day === null) throw new RangeError(`earliestDeadline: invalid date ${publishDate}`);
  if (!Number.isSafeInteger(minDays) || minDays < 0) throw new RangeError('earliestDeadline: minDays must be a whole number of days');
  return fromDayNumber(day + minDays);
}

/** F-41: the chosen deadline gives the notice at least `minDays` days; null when it does. */
export function checkDeadline(publishDate: string, deadline: string, minDays: number): string | null {
  if (!isValidDate(deadline)) return '公示截止日须为有效日期（YYYY-MM-DD）';
  const earliest = earliestDeadline(publishDate, minDays);
  // Fixed-width ISO dates order as text.
  if (deadline < earliest) return `公示截止日不能早于 ${earliest}（公示期不少于 ${minDays} 日，自发布次日起算）`;
  return null;
}

/** a notice's period is over once its deadline day has ended, i.e. from the next day. */
export function noticePeriodOver(deadline: string, today: string): boolean {
  return today > deadline;
}

/** The first day on which a notice with this deadline is over. */
export function dayAfter(date: string): string {
  return earliestDeadline(date, 1);
}
