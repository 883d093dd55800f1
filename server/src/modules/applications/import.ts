import { annotatedWorkbook, ImportErrors } from '../../lib/spreadsheet.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { and, count, eq } from 'drizzle-orm';
import { applicationItems, applications } from '../../db/schema/index.ts';
import type { ParsedHouse } from '../../domain/house-row.ts';
import { audit } from '../audit/audit.ts';
import { livePlaces } from '../registry/bulk.ts';
import { checkHouses, HOUSE_SHEET, HOUSE_TEMPLATE_COLUMNS, readHouseFile } from '../registry/house-import.ts';
import type { BuildingInput } from './shared.ts';
import { loadApplication, STATUS_LABELS, writeItems } from './service.ts';
import { existingBuildings } from './types/new-houses.ts';
import { handlerFor } from './handlers.ts';

export { ImportErrors };

/** A building named by imported houses but not described yet: sensible defaults the page lets the user correct. */
function derivedBuilding(name: string, houses: ParsedHouse[], year: number): BuildingInput {
  const mine = houses.filter((h) => h.building === name);
  return {
    name,
    floorsAbove: Math.max(0, ...mine.map((h) => h.floor)),
    floorsBelow: Math.max(0, ...mine.map((h) => -h.floor)),
    builtYear: year,
    structure: '钢筋混凝土结构',
    elevator: mine.some((h) => h.elevator),
  };
}

async function validateFile(ctx: Ctx, id: number, file: { fileName: string; bytes: Uint8Array }) {
  const actor = requirePermission(ctx, 'registry.edit');
  const { kind } = await ctx.db.transaction(async (tx) => {
    const handler = handlerFor((await loadApplication(tx, actor, id)).type);
    if (!handler.importKind) throw invalid('file', '此类业务单不导入房屋');
    return { kind: handler.importKind };
  });
  // Read with no transaction open: a read takes seconds, and on the embedded database an open
  // transaction makes every other user's query wait for it.
  const table = await readHouseFile(file.bytes, file.fileName);
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id);
    const handler = handlerFor(app.type);
    const existing = handler.importExisting
      ? await handler.importExisting(tx, app)
      : app.areaId
        ? await livePlaces(tx, app.areaId)
        : new Set<string>();
    return { actor, kind, result: checkHouses(table, existing) };
  });
}

/** the file back as .xlsx with every error cell marked, for the user to correct. */
export async function annotateHouseFile(ctx: Ctx, id: number, file: { fileName: string; bytes: Uint8Array }) {
  const { result } = await validateFile(ctx, id, file);
  if (result.errors.length === 0) throw invalid('file', '文件没有错误，可直接导入');
  return annotatedWorkbook(HOUSE_SHEET, HOUSE_TEMPLATE_COLUMNS, result.table, result.errors);
}

/** R-14 import into an application: every row validated, all errors at once, nothing saved unless the whole file is clean. */
export async function importHouseItems(ctx: Ctx, id: number, file: { fileName: string; bytes: Uint8Array }) {
  const { actor, kind, result } = await validateFile(ctx, id, file);
  if (result.errors.length > 0) throw new ImportErrors(result.errors);
  const houses = result.houses.map((h) => h.house);
  return ctx.db.transaction(async (tx) => {
    const locked = await loadApplication(tx, actor, id, true);
    if (locked.status !== 'draft' && locked.status !== 'rejected')
      throw new AppError(409, 'STATUS', `业务单 ${locked.no} 当前状态为“${STATUS_LABELS[locked.status]}”，不能再导入`);
    const form = locked.form as { buildings?: BuildingInput[] };
    // Types that describe new buildings in their form get the missing ones added; the others
    // (split/merge) may only use buildings the area has, which their submit check enforces.
    let added: BuildingInput[] = [];
    let removed: string[] = [];
    if (form.buildings) {
      // The file replaces the houses, so it replaces the buildings an earlier file brought too: one
      // no house names any more could not be submitted. Those it names keep what the user described.
      const named = new Set(houses.map((h) => h.building));
      const kept = form.buildings.filter((b) => named.has(b.name));
      removed = form.buildings.filter((b) => !named.has(b.name)).map((b) => b.name);
      const known = new Set([...kept.map((b) => b.name), ...(locked.areaId ? (await existingBuildings(tx, locked.areaId)).keys() : [])]);
      added = [...named].filter((b) => !known.has(b)).map((b) => derivedBuilding(b, houses, ctx.clock.now().getFullYear()));
      if (added.length > 0 || removed.length > 0) {
        await tx
          .update(applications)
          .set({ form: { ...form, buildings: [...kept, ...added] } })
          .where(eq(applications.id, id));
      }
    }
    const [replaced] = await tx
      .select({ n: count() })
      .from(applicationItems)
      .where(and(eq(applicationItems.applicationId, id), eq(applicationItems.kind, kind)));
    await writeItems(
      tx,
      locked,
      kind,
      houses.map((data) => ({ data })),
    );
    await audit(tx, ctx, {
      action: 'application.import',
      entity: 'application',
      entityId: id,
      summary: `业务单 ${locked.no} 导入房屋 ${houses.length} 套（${file.fileName}）`,
      before: { kind, rows: replaced?.n ?? 0, buildings: form.buildings?.map((b) => b.name) ?? [] },
      after: {
        kind,
        fileName: file.fileName,
        rows: houses.length,
        addedBuildings: added.map((b) => b.name),
        removedBuildings: removed,
      },
    });
    return { imported: houses.length, addedBuildings: added.map((b) => b.name) };
  });
}
