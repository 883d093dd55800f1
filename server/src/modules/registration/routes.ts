import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asc, eq, and } from 'drizzle-orm';
import { organisations, propertyAreas } from '../../db/schema/index.ts';
import { PASSWORD_RULE } from '../../domain/password-policy.ts';
import { REGISTRATION_AGREEMENT, REGISTRATION_DOCUMENTS } from '../../domain/registration-documents.ts';
import { DOCUMENT_RULE } from '../../domain/upload-check.ts';
import { invalid } from '../../lib/errors.ts';
import { codeSuggestionQuery, registrationResult, requirements, requirementsQuery } from './schemas.ts';
import { throttle } from '../auth/throttle.ts';
import { register, suggestCode, type UploadedDocument } from './service.ts';

const tags = ['机构注册'];
/** Read up to this much of each upload, so an oversize file is reported with its real size. */
const READ_LIMIT = 10 * 1024 * 1024;

async function readRegistrationForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw invalid('_', '注册须以 multipart/form-data 提交');
  let data: unknown = null;
  const documents: UploadedDocument[] = [];
  for await (const part of req.parts({ limits: { fileSize: READ_LIMIT, files: 10, fields: 5 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      const kind = part.fieldname.replace(/^doc_/, '');
      // A file past the read limit is reported as oversize: pad so its size still exceeds 1 MB.
      documents.push({
        kind,
        fileName: part.filename,
        bytes: part.file.truncated ? new Uint8Array(READ_LIMIT + 1) : new Uint8Array(bytes),
      });
    } else if (part.fieldname === 'data') {
      try {
        data = JSON.parse(String(part.value));
      } catch {
        throw invalid('data', '注册信息格式不正确');
      }
    }
  }
  return { data, documents };
}

export function registrationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/areas',
    {
      schema: {
        tags,
        summary: '物业区域列表（注册时选择）',
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
          and(eq(organisations.areaId, propertyAreas.id), eq(organisations.type, 'committee'), eq(organisations.status, 'active')),
        )
        .orderBy(asc(propertyAreas.district), asc(propertyAreas.name));
      return { items: rows.map(({ committeeId, ...a }) => ({ ...a, hasCommittee: committeeId !== null })) };
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
        summary: '机构注册（F-1）',
        description:
          'multipart/form-data：字段 data 为注册信息 JSON（type、name、code、contactPerson、phone、address、legalRepresentative、areaId、adminUsername、adminName、adminMobile、password、agreementAccepted），文件字段 doc_<要件类型>。要件须为 JPG/JPEG/PNG 且不超过 1M（R-1）。',
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
