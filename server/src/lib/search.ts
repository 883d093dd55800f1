/** A search text as an ILIKE pattern that finds it anywhere; its %, _ and \ stand for themselves, not wildcards. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
