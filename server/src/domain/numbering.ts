/** SPEC §10 Numbers: PREFIX + business day (yyyymmdd) + a daily serial of at least 4 digits. */
export const NUMBER_PREFIXES = {
  registration: 'ZC',
} as const;

export function formatBusinessNumber(prefix: string, day: string, serial: number): string {
  return `${prefix}${day}${String(serial).padStart(4, '0')}`;
}
