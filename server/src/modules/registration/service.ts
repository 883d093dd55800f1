import { and, eq, inArray, like, or } from 'drizzle-orm';
import { organisations, orgDocuments, propertyAreas, users } from '../../db/schema/index.ts';
import { allocateNumber } from '../../db/numbering.ts';
import { NUMBER_PREFIXES } from '../../domain/numbering.ts';
import { firstFreeCode, pinyinCodeFor } from '../../domain/org-code.ts';
import { AREA_HOLDING_STATUSES } from '../../domain/org-status.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { REGISTRATION_DOCUMENTS } from '../../domain/registration-documents.ts';
import { adminRoleOf } from '../../domain/roles.ts';
import { documentProblem } from '../../domain/upload-check.ts';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalidFields, notFound } from '../../lib/errors.ts';
import { fieldErrorsOf } from '../../lib/fields.ts';
import { hashPassword } from '../../lib/password.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { audit } from '../audit/audit.ts';
import { storeFile, type IncomingFile } from '../files/store.ts';
import { registrationData } from './schemas.ts';

export interface UploadedDocument extends IncomingFile {
  kind: string;
}

/**
 * F-1: one transaction creates the organisation, its administrator and its documents, or nothing.
 * Every problem with the form and the files is reported at once.
 */
export async function register(ctx: Ctx, raw: unknown, documents: UploadedDocument[]) {
  const parsed = registrationData.safeParse(raw);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const type = parsed.success ? parsed.data.type : (raw as { type?: unknown })?.type;
  const wanted = type === 'committee' || type === 'developer' ? REGISTRATION_DOCUMENTS[type] : [];

  for (const d of documents) {
    const def = wanted.find((w) => w.kind === d.kind);
    if (!def) errors[`doc_${d.kind}`] = `未知的要件类型：${d.kind}`;
    else {
      const problem = documentProblem(d.fileName, d.bytes.length, d.bytes.subarray(0, 16));
      if (problem) errors[`doc_${d.kind}`] = `${def.label}：${problem}`;
    }
  }
  for (const w of wanted) {
    if (w.required && !documents.some((d) => d.kind === w.kind)) errors[`doc_${w.kind}`] ??= `请上传要件：${w.label}`;
  }
  const fields = (raw ?? {}) as { password?: unknown; areaId?: unknown };
  const pw = typeof fields.password === 'string' ? passwordProblem(fields.password) : null;
  if (pw) errors.password ??= pw;
  if (type === 'committee' && !fields.areaId) errors.areaId ??= '业主委员会须选择所属物业区域';
  if (!parsed.success || Object.keys(errors).length > 0) throw invalidFields(errors);
  const data = parsed.data;

  const [taken] = await ctx.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, data.code));
  if (taken) throw conflict(`机构代码 ${data.code} 已被注册，请核对；如确属本机构，请联系维修资金管理部门`, 'code');
  let areaName: string | null = null;
  let handover = false;
  if (data.type === 'committee' && data.areaId) {
    const [area] = await ctx.db.select().from(propertyAreas).where(eq(propertyAreas.id, data.areaId));
    if (!area) throw notFound('所选物业区域');
    areaName = area.name;
    // §10 换届: an area that has a committee, even a suspended one, keeps it until the office
    // approves a handover; the newcomer waits without access.
    const [existing] = await ctx.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          eq(organisations.type, 'committee'),
          eq(organisations.areaId, data.areaId),
          inArray(organisations.status, [...AREA_HOLDING_STATUSES]),
        ),
      )
      .limit(1);
    handover = existing !== undefined;
  }

  const passwordHash = await hashPassword(data.password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const registrationNo = await allocateNumber(tx, NUMBER_PREFIXES.registration, now);
      const [org] = await tx
        .insert(organisations)
        .values({
          type: data.type,
          name: data.name,
          code: data.code,
          contactPerson: data.contactPerson,
          phone: data.phone,
          address: data.address,
          legalRepresentative: data.legalRepresentative,
          areaId: data.type === 'committee' ? (data.areaId ?? null) : null,
          status: handover ? 'pending' : 'active',
          registrationNo,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!org) throw new Error('organisation insert returned no row');
      const [admin] = await tx
        .insert(users)
        .values({
          orgId: org.id,
          username: data.adminUsername,
          name: data.adminName,
          mobile: data.adminMobile,
          roles: [adminRoleOf(data.type)],
          passwordHash,
          createdAt: now,
        })
        .returning({ id: users.id });
      for (const d of documents) {
        const fileId = await storeFile(tx, org.id, d, admin?.id ?? null, now);
        await tx.insert(orgDocuments).values({ orgId: org.id, kind: d.kind, fileId, createdAt: now });
      }
      const { password: _secret, ...after } = data;
      await audit(tx, ctx, {
        action: 'org.register',
        entity: 'organisation',
        entityId: org.id,
        summary: `${handover ? '业主委员会换届申请' : data.type === 'committee' ? '业主委员会注册' : '开发建设单位注册'}：${data.name}（${data.code}）${areaName ? `，物业区域：${areaName}` : ''}`,
        after: {
          ...after,
          status: org.status,
          registrationNo,
          documents: documents.map((d) => ({ kind: d.kind, file: d.fileName, size: d.bytes.length })),
        },
        orgId: org.id,
        orgName: org.name,
      });
      return {
        orgId: org.id,
        registrationNo,
        code: org.code,
        name: org.name,
        adminUsername: data.adminUsername,
        status: handover ? ('pending' as const) : ('active' as const),
      };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organisations_code_uq')) throw conflict(`机构代码 ${data.code} 已被注册`, 'code');
    if (isUniqueViolation(err, 'organisations_committee_area_uq')) throw conflict('该物业区域已有业主委员会注册', 'areaId');
    throw err;
  }
}

/** The pinyin code offered to a committee without an 组织机构代码证, made unique against the registry. */
export async function suggestCode(ctx: Ctx, areaId: number) {
  const [area] = await ctx.db.select({ name: propertyAreas.name }).from(propertyAreas).where(eq(propertyAreas.id, areaId));
  if (!area) throw notFound('物业区域');
  const base = pinyinCodeFor(area.name);
  const rows = await ctx.db
    .select({ code: organisations.code })
    .from(organisations)
    .where(or(eq(organisations.code, base), like(organisations.code, `${base}%`)));
  return { code: firstFreeCode(base, new Set(rows.map((r) => r.code))) };
}
