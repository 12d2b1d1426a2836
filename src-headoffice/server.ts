import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_REPORT_BODY_BYTES } from '../src-shared/sync/request-signing';
import type { Clock } from './clock';
import type { DirectStore } from './db/open';
import type { HeadOfficeDB } from './db/schema';
import { registerIngestRoute } from './ingest/route';
import { registerReadRoutes } from './read/routes';
import { Refusal } from './refusal';
import { registerWebRoutes } from './web/routes';

/**
 * How long a client may take. Fastify waits for ever by default, so a client trickling its bytes
 * (slowloris) held its connection as long as it liked, and a few hundred such clients held them all.
 */
export interface HeadOfficeTimeouts {
  /** The whole request, headers and body: a 1 MB report over a 256 kbit/s branch line takes ~35 s. */
  requestMs: number;
  /** The request line and headers. */
  headersMs: number;
  /** A connection on which no byte moves. */
  idleMs: number;
  /** How often Node looks for requests past their deadline (it answers them 408 and closes). */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<HeadOfficeTimeouts> = Object.freeze({ requestMs: 60_000, headersMs: 15_000, idleMs: 30_000, checkEveryMs: 2_000 });

export interface HeadOfficeServerOptions {
  db: Kysely<HeadOfficeDB>;
  /** The same store below Kysely, for the report intake's fixed statements. */
  direct: DirectStore;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-* headers (for the secure cookie flag). */
  trustProxy?: boolean;
  /** Tests shorten them; the defaults suit a branch line. */
  timeouts?: Partial<HeadOfficeTimeouts>;
}

/** The fastify errors a client can cause, as the `{ error, reason }` every refusal carries. */
function clientErrorBody(code: string | undefined, status: number): { error: string; reason: string } {
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return { error: 'payload_too_large', reason: 'body_too_large' };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return { error: 'unsupported_media_type', reason: 'unsupported_media_type' };
  if (status === 429) return { error: 'too_many_requests', reason: 'rate_limited' };
  return { error: 'bad_request', reason: code ? code.toLowerCase() : 'bad_request' };
}

/**
 * The head-office server: the signed report intake, the admin read API, the service department's page.
 * Every refusal is a 4xx JSON `{ error, reason }`; an unexpected failure is a bare 500, logged.
 */
export async function createHeadOfficeServer(options: HeadOfficeServerOptions): Promise<FastifyInstance> {
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_REPORT_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    http: { requestTimeout: t.requestMs, headersTimeout: t.headersMs, connectionsCheckingInterval: t.checkEveryMs },
  });
  const deps = { db: options.db, direct: options.direct, clock: options.clock };
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof Refusal) {
      request.log.info({ status: error.status, reason: error.reason }, 'request refused');
      return reply.code(error.status).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(clientErrorBody(error.code, status));
    request.log.error(error, 'request failed');
    return reply.code(500).send({ error: 'internal', reason: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', reason: 'no_such_route' }));

  await app.register((scope) => registerIngestRoute(scope, deps));
  await app.register((scope) => registerReadRoutes(scope, deps));
  await app.register((scope) => registerWebRoutes(scope, deps));
  return app;
}
