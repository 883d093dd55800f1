import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { organisations, propertyAreas } from '../../db/schema/index.ts';
import { AREA_HOLDING_STATUSES } from '../../domain/org-status.ts';
import { PASSWORD_RULE } from '../../domain/password-policy.ts';
import { REGISTRATION_AGREEMENT, REGISTRATION_DOCUMENTS } from '../../domain/registration-documents.ts';
import { CONTROL_CHARACTER_RULE, hasControlCharacters } from '../../domain/text-input.ts';
import { DOCUMENT_RULE, fileNameProblem, MAX_DOCUMENT_BYTES } from '../../domain/upload-check.ts';
import { invalid, invalidFields } from '../../lib/errors.ts';
import { controlCharacterError } from '../../lib/http.ts';
import { codeSuggestionQuery, registrationResult, requirements, requirementsQuery } from './schemas.ts';
import { throttle } from '../auth/throttle.ts';
import { register, suggestCode, type UploadedDocument } from './service.ts';

const tags = ['机构注册'];
/** One file per 要件 type at most; the data field is a short JSON form. */
const MAX_FILES = Math.max(...Object.values(REGISTRATION_DOCUMENTS).map((d) => d.length));
const MAX_DATA_BYTES = 64 * 1024;

/**
 * Streams the form: each file is read only up to one byte past R-1's limit (so it is still refused
 * by name), names and text are checked for control characters, and every such problem is reported
 * at once. The registration rules proper are applied by the service.
 */
async function readRegistrationForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw invalid('_', '注册须以 multipart/form-data 提交');
  let data: unknown = null;
  const documents: UploadedDocument[] = [];
  const errors: Record<string, string> = {};
  const parts = req.parts({ limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: MAX_FILES, fields: 5, fieldSize: MAX_DATA_BYTES } });
  try {
    for await (const part of parts) {
      if (hasControlCharacters(part.fieldname)) {
        errors._ = `表单字段名${CONTROL_CHARACTER_RULE}`;
        if (part.type === 'file') part.file.resume();
      } else if (part.type === 'file') {
        const kind = part.fieldname.replace(/^doc_/, '');
        const nameProblem = fileNameProblem(part.filename);
        if (nameProblem || documents.some((d) => d.kind === kind)) {
          part.file.resume();
          errors[`doc_${kind}`] ??= nameProblem ?? '每种要件只需上传一个文件';
          continue;
        }
        const bytes = new Uint8Array(await part.toBuffer());
        documents.push({ kind, fileName: part.filename, bytes });
      } else if (part.fieldname === 'data') {
        if (part.valueTruncated) {
          errors.data = `注册信息过长（不能超过 ${MAX_DATA_BYTES / 1024}K）`;
          continue;
        }
        try {
          data = JSON.parse(String(part.value));
        } catch {
          errors.data = '注册信息格式不正确';
          continue;
        }
        for (const [field, message] of Object.entries(controlCharacterError(data)?.fieldErrors ?? {})) errors[field] = message;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw invalid('_', `上传的要件文件过多：每种要件上传一个文件，最多 ${MAX_FILES} 个`);
    }
    throw err;
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return { data, documents };
}

export function registrationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/areas',
    {
      schema: {
        tags,
        summary: '物业区域列表（注册时选择；已有业主委员会的区域注册即为换届申请）',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), name: z.string(), district: z.string(), address: z.string(), hasCommittee: z.boolean() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const rows = await req.ctx.db
        .select({
          id: propertyAreas.id,
          name: propertyAreas.name,
          district: propertyAreas.district,
          address: propertyAreas.address,
          committeeId: organisations.id,
        })
        .from(propertyAreas)
        .leftJoin(
          organisations,
          and(
            eq(organisations.areaId, propertyAreas.id),
            eq(organisations.type, 'committee'),
            inArray(organisations.status, [...AREA_HOLDING_STATUSES]),
          ),
        )
        .orderBy(asc(propertyAreas.district), asc(propertyAreas.name));
      // A suspended committee plus a reactivated one never coexist, but legacy data may: one row per area.
      const byArea = new Map(rows.map(({ committeeId, ...a }) => [a.id, { ...a, hasCommittee: committeeId !== null }]));
      return { items: [...byArea.values()] };
    },
  );

  r.get(
    '/api/registration/requirements',
    { schema: { tags, summary: '注册要件与机构注册协议', querystring: requirementsQuery, response: { 200: requirements } } },
    async (req) => ({
      documents: REGISTRATION_DOCUMENTS[req.query.type],
      agreement: REGISTRATION_AGREEMENT,
      passwordRule: PASSWORD_RULE,
      documentRule: DOCUMENT_RULE,
    }),
  );

  r.get(
    '/api/registration/code-suggestion',
    {
      schema: {
        tags,
        summary: '按物业区域名称生成拼音机构代码',
        querystring: codeSuggestionQuery,
        response: { 200: z.object({ code: z.string() }) },
      },
    },
    async (req) => suggestCode(req.ctx, req.query.areaId),
  );

  r.post(
    '/api/registration',
    {
      schema: {
        tags,
        // F-1
        summary: '机构注册',
        //
        description:
          'multipart/form-data：字段 data 为注册信息 JSON（type、name、code、contactPerson、phone、address、legalRepresentative、areaId、adminUsername、adminName、adminMobile、password、agreementAccepted），文件字段 doc_<要件类型>。要件须为 JPG/JPEG/PNG 且不超过 1M。',
        consumes: ['multipart/form-data'],
        response: { 201: registrationResult },
      },
    },
    async (req, reply) => {
      // Counted before the upload is read, so a flood is refused cheaply.
      await throttle(req.ctx, 'registration');
      const { data, documents } = await readRegistrationForm(req);
      const result = await register(req.ctx, data, documents);
      return reply.status(201).send(result);
    },
  );
}
