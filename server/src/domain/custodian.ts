/**
 * Which bank may confirm money moving into or out of the custody account (F-23, F-46, F-71): the
 * bank organisation that keeps the account. The office names it by 机构代码; while it has not, a
 * platform with a single bank organisation has no doubt about it, and one with several has none.
 */
export function custodianBankId(configuredCode: string | null, banks: readonly { id: number; code: string }[]): number | null {
  if (configuredCode !== null) return banks.find((b) => b.code === configuredCode)?.id ?? null;
  return banks.length === 1 ? (banks[0]?.id ?? null) : null;
}
