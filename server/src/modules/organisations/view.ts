import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ORG_STATUSES } from '../../domain/org-status.ts';
import type { Db } from '../../db/client.ts';
import { files, organisations, orgDocuments, propertyAreas } from '../../db/schema/index.ts';
import { documentsFor } from '../../domain/registration-documents.ts';
import { ORG_TYPE_LABELS } from '../../domain/roles.ts';
import { notFound } from '../../lib/errors.ts';

export const orgTypeEnum = z.enum(['committee', 'developer', 'office', 'bank']);

export const orgView = z.object({
  id: z.number(),
  type: orgTypeEnum,
  typeLabel: z.string(),
  name: z.string(),
  code: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  address: z.string(),
  legalRepresentative: z.string(),
  status: z.enum(ORG_STATUSES),
  statusReason: z.string().nullable(),
  area: z.object({ id: z.number(), name: z.string() }).nullable(),
  registrationNo: z.string().nullable(),
  documentsVerifiedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  documents: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      label: z.string(),
      fileId: z.number(),
      fileName: z.string(),
      size: z.number(),
      mime: z.string(),
    }),
  ),
});
export type OrgView = z.infer<typeof orgView>;

/** The organisation as its own staff and the office see it, documents included. */
export async function loadOrgView(db: Db, orgId: number): Promise<OrgView> {
  const [row] = await db
    .select({ org: organisations, areaName: propertyAreas.name })
    .from(organisations)
    .leftJoin(propertyAreas, eq(propertyAreas.id, organisations.areaId))
    .where(eq(organisations.id, orgId));
  if (!row) throw notFound('机构');
  const o = row.org;
  const docs = await db
    .select({ id: orgDocuments.id, kind: orgDocuments.kind, fileId: files.id, fileName: files.name, size: files.size, mime: files.mime })
    .from(orgDocuments)
    .innerJoin(files, eq(files.id, orgDocuments.fileId))
    .where(eq(orgDocuments.orgId, orgId))
    .orderBy(asc(orgDocuments.id));
  const labels = new Map(documentsFor(o.type).map((d) => [d.kind, d.label]));
  return {
    id: o.id,
    type: o.type,
    typeLabel: ORG_TYPE_LABELS[o.type],
    name: o.name,
    code: o.code,
    contactPerson: o.contactPerson,
    phone: o.phone,
    address: o.address,
    legalRepresentative: o.legalRepresentative,
    status: o.status,
    statusReason: o.statusReason,
    area: o.areaId && row.areaName ? { id: o.areaId, name: row.areaName } : null,
    registrationNo: o.registrationNo,
    documentsVerifiedAt: o.documentsVerifiedAt,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    documents: docs.map((d) => ({ ...d, label: labels.get(d.kind) ?? d.kind })),
  };
}
