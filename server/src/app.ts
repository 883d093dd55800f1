import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbHandle } from './db/client.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import {
  clientErrorHandler,
  frameworkError,
  installErrorHandler,
  installErrorResponses,
  installInputGuard,
  installJsonParser,
  installNotFound,
  shareRefusalResponses,
  type ApiDocument,
} from './lib/http.ts';
import { installSessions } from './modules/auth/plugin.ts';
import { applicationRoutes } from './modules/applications/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { bankKeyRoutes } from './modules/bank-keys/routes.ts';
import { configRoutes } from './modules/config/routes.ts';
import { facilityRoutes } from './modules/facilities/routes.ts';
import { fileRoutes } from './modules/files/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { officeRoutes } from './modules/office/routes.ts';
import { ownerRoutes } from './modules/owners/routes.ts';
import { evoteRoutes } from './modules/evote/routes.ts';
import { organisationRoutes } from './modules/organisations/routes.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { projectRoutes } from './modules/projects/routes.ts';
import { publicRoutes } from './modules/public/routes.ts';
import { refundRoutes } from './modules/refunds/routes.ts';
import { registrationRoutes } from './modules/registration/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { workspaceRoutes } from './modules/workspace/routes.ts';
import { measureRequests } from './service/metrics.ts';

z.config(z.locales.zhCN());

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A year, subdomains included: once a browser has seen HTTPS here it never falls back to HTTP. */
const HSTS = 'max-age=31536000; includeSubDomains';

export interface AppOptions {
  db: DbHandle;
  clock?: Clock;
  /** Built web client to serve at `/`; absent in API tests. */
  webDist?: string;
  secureCookies?: boolean;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  /** Bearer token that opens `/api/metrics`; without one the endpoint is off. */
  metricsToken?: string;
  /** Sees every route as it is added (the audit-coverage test lists the state-changing ones). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * A route that declares no success schema (a file, the metrics text) still has its success answer in
 * the document, as it had before its refusals were declared (installErrorResponses): without any
 * declared response the document would show a bare 200, with some it shows only those.
 */
function withSuccessAnswer(route: Parameters<typeof jsonSchemaTransform>[0]) {
  const out = jsonSchemaTransform(route);
  const response = out.schema?.response as Record<string, unknown> | undefined;
  if (response && !Object.keys(response).some((status) => status.startsWith('2'))) {
    response['200'] = { type: 'null', description: 'Default Response' };
  }
  return out;
}

/**
 * The document's named parts: zod schemas with an `id` (ErrorBody, each kind of application's form
 * and items), of which the zod provider names
 * each twice, as output and as `…Input` (an input twin no route takes is left out), and the refusals
 * every route shares.
 */
function namedComponents(doc: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const out = jsonSchemaTransformObject(doc) as ReturnType<typeof jsonSchemaTransformObject> & ApiDocument;
  const schemas = out.components?.schemas ?? {};
  const inputs = Object.keys(schemas).filter((id) => id.endsWith('Input'));
  // An input twin stays when a route refers to it, or another twin that stays does.
  const kept = new Set<string>();
  let reached = JSON.stringify(out.paths ?? {});
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of inputs) {
      if (kept.has(id) || !reached.includes(`"#/components/schemas/${id}"`)) continue;
      kept.add(id);
      reached += JSON.stringify(schemas[id]);
      grew = true;
    }
  }
  for (const id of inputs) if (!kept.has(id)) delete schemas[id];
  return shareRefusalResponses(out);
}

/** Plugins and every module's routes; nothing else. */
export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? (process.env.WYGL_TEST_LOG ? { level: 'error' } : false),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    clientErrorHandler,
    frameworkErrors: frameworkError,
    // Every log line of a request carries its id; a trusted proxy's id is kept so both logs match.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return opts.trustProxy && typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  measureRequests(app);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installErrorResponses(app);
  installJsonParser(app);
  installInputGuard(app);

  await app.register(cookie);
  // Oversize files are read (up to a cap) and refused by R-1 with their name, not by a bare 413.
  await app.register(multipart, { throwFileSizeLimit: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'wygl 住宅专项维修资金管理平台 API',
        version: '1.0.0',
        description: '金额以“分”为单位的整数；面积以 0.01 平方米为单位的整数。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'wygl_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          bankKey: {
            type: 'apiKey',
            in: 'header',
            name: 'x-wygl-key',
            description: '另需 x-wygl-timestamp 与 x-wygl-signature（HMAC-SHA256）',
          },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: withSuccessAnswer,
    transformObject: namedComponents,
  });

  // The bank's system authenticates each request by signature (F-71), not by session and CSRF token.
  installSessions(app, opts.db, opts.clock ?? systemClock, { csrfExempt: (url) => url.startsWith('/api/bank-api/') });
  const alwaysHttps = opts.secureCookies ?? false;
  app.addHook('onSend', async (req, reply) => {
    // Answers hold personal data and money: no browser or proxy keeps a copy. Hashed assets may.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // Behind a trusted proxy, req.protocol follows its X-Forwarded-Proto.
    if (alwaysHttps || req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'",
    );
  });

  healthRoutes(app, opts.db, opts.metricsToken);
  authRoutes(app, { secureCookies: opts.secureCookies ?? false });
  registrationRoutes(app);
  organisationRoutes(app);
  userRoutes(app);
  officeRoutes(app);
  bankKeyRoutes(app);
  fileRoutes(app);
  applicationRoutes(app);
  registryRoutes(app);
  paymentRoutes(app);
  refundRoutes(app);
  publicRoutes(app);
  ownerRoutes(app, { secureCookies: opts.secureCookies ?? false });
  configRoutes(app);
  reportRoutes(app);
  projectRoutes(app);
  evoteRoutes(app);
  facilityRoutes(app);
  workspaceRoutes(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const serveWeb = Boolean(opts.webDist && existsSync(opts.webDist));
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: opts.webDist as string,
      wildcard: false,
      index: 'index.html',
      // The build writes .br and .gz beside each file; the browser gets the one it accepts.
      preCompressed: true,
      // Hashed file names change with their content, so they are cached for good; the page shell
      // that names them is asked for again each time (a 304 while unchanged).
      setHeaders: (reply, path) =>
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  installNotFound(app, serveWeb);
  return app;
}
