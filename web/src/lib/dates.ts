import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The platform serves one Chinese city: every time is shown in Beijing time, whatever the browser's zone. */
export const PLATFORM_TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(PLATFORM_TIME_ZONE).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(iso: string | Date | null | undefined): string {
  return iso ? dayjs(iso).tz(PLATFORM_TIME_ZONE).format('YYYY-MM-DD') : '';
}

/** The instant a calendar day (picked in a date picker) starts in Beijing time, as ISO. */
export function startOfPlatformDay(day: Dayjs): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), PLATFORM_TIME_ZONE).toISOString();
}

/** The instant the day after `day` starts: the exclusive end of a range that includes `day`. */
export function endOfPlatformDay(day: Dayjs): string {
  return dayjs.tz(day.add(1, 'day').format('YYYY-MM-DD'), PLATFORM_TIME_ZONE).toISOString();
}

export { dayjs };
