import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Conn } from '../../db/client.ts';
import { settings } from '../../db/schema/index.ts';
import { DEFAULT_REQUIRED_DOCUMENTS, requiredDocumentsSchema } from '../../domain/required-documents.ts';

/** Every setting with its schema and default: reading one never fails on a fresh database. */
export const SETTINGS = {
  custodyAccount: {
    schema: z.object({ bankName: z.string().min(1), accountName: z.string().min(1), accountNo: z.string().regex(/^\d{8,30}$/) }),
    default: { bankName: '中国工商银行江门分行营业部', accountName: '江门市住宅专项维修资金专户', accountNo: '2012002019200123456' },
  },
  /**
   * The 机构代码 of the bank organisation that keeps the custody account: only it confirms deposits,
   * refunds and transfers. Unset, the platform's only bank organisation is the custodian.
   */
  custodianBankCode: { schema: z.string().min(1).nullable(), default: null },
  /** Set when the demo city is loaded: every page of this instance then says it is a demo. */
  demoInstance: { schema: z.boolean(), default: false },
  noticeValidDays: { schema: z.number().int().min(1).max(365), default: 30 },
  /** F-41: a project notice's deadline is at least this many days after publication. */
  projectNoticeMinDays: { schema: z.number().int().min(1).max(90), default: 7 },
  /** which majority a repair project's vote needs. */
  voteRule: { schema: z.enum(['civil-code-2021', 'double-two-thirds']), default: 'civil-code-2021' as const },
  /** acceptance comes before an application lifting the applied total above this percentage of the budget. */
  acceptanceFirstPercent: { schema: z.number().int().min(1).max(100), default: 70 },
  /** F-62 要件设置: the documents the window checks at 受理, per registry application type and project request. */
  requiredDocuments: { schema: requiredDocumentsSchema, default: DEFAULT_REQUIRED_DOCUMENTS },
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

/** A stored setting's value as its schema reads it, or the default (also for a value read by another query). */
export function settingOrDefault<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const parsed = SETTINGS[key].schema.safeParse(stored);
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

export async function getSetting<K extends SettingKey>(db: Conn, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return settingOrDefault(key, row?.value);
}

/** Several settings in one query. */
export async function getSettings<K extends SettingKey>(db: Conn, keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [...keys]));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(keys.map((k) => [k, settingOrDefault(k, stored.get(k))])) as { [P in K]: SettingValue<P> };
}

/** Stores one setting (inside the caller's transaction, which audits the change when a person made it). */
export async function putSetting<K extends SettingKey>(tx: Conn, key: K, value: SettingValue<K>, now: Date, userId: number | null) {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: now, updatedBy: userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, updatedBy: userId } });
}
