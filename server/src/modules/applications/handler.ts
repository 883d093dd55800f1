import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { ApplicationType, applications } from '../../db/schema/index.ts';
import type { StandardRow } from '../../domain/deposit-standard.ts';
import type { Ctx } from '../../lib/context.ts';

export type ApplicationRow = typeof applications.$inferSelect;

export interface HandlerArgs {
  tx: Tx;
  ctx: Ctx;
  app: ApplicationRow;
  now: Date;
  standards: StandardRow[];
}

export interface SubmitCheck {
  /** the existing houses this application changes. */
  claims: number[];
  /** Everything that stops submission, each a sentence naming what to fix. */
  problems: string[];
  /** Field errors to show beside the form fields concerned, keyed like the form (`form.refundAccount`). */
  fields?: Record<string, string>;
}

/** One kind of 业务单: its header form, its items, what submit checks and what approval does. */
export interface ApplicationHandler {
  type: ApplicationType;
  /** Business-number prefix (SPEC §10). */
  prefix: string;
  /** False only for area collection, which creates its area on approval. */
  needsArea: boolean;
  form: z.ZodType;
  /** Item kinds the page may replace as JSON, with the schema of one item. */
  items: Record<string, z.ZodType>;
  /** The item kind a house file imports into, for types that import houses. */
  importKind?: string;
  /** Places an import may not take (default: every live house of the area). */
  importExisting?(tx: Tx, app: ApplicationRow): Promise<Set<string>>;
  /** Checks picked houses and snapshots their "before" state when items are saved. */
  prepareItems?(
    args: HandlerArgs,
    kind: string,
    rows: unknown[],
  ): Promise<{ houseId?: number | null; buildingId?: number | null; before?: unknown; data: unknown }[]>;
  check(args: HandlerArgs): Promise<SubmitCheck>;
  apply(args: HandlerArgs): Promise<Record<string, unknown>>;
}
