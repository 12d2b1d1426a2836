import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { apiError, HTTP_STATUS } from '../../../src-shared/contract/errors';
import type { Dispatch } from '../../core/dispatch';
import { CONTENT_SECURITY_POLICY } from './security-headers';

export const SESSION_COOKIE = 'aftercare_session';
/** JSON bodies above this are refused before they reach the dispatcher (a drawn signature is ~50 KB). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  dispatch: Dispatch;
  /** The built renderer (`out/renderer`); omitted in API-only tests. */
  staticDir?: string;
  logger?: boolean;
  /**
   * Host names (besides IP addresses and `localhost`) the API answers to, e.g. the branch PC's name
   * when a second PC reaches it. Any other name is refused: a page on an attacker's domain that
   * re-resolves to this machine (DNS rebinding) is "same origin" with itself and would pass the Origin
   * check.
   */
  allowedHostNames?: readonly string[];
}

/** The host of an Origin header; null for `null` (sandboxed frames, file pages) or anything unparsable. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Whether the Host header names this machine by IP address, `localhost` or an allowed name. */
function isAllowedHost(host: string | undefined, allowedHostNames: readonly string[]): boolean {
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || isIP(bare) !== 0 || allowedHostNames.includes(hostname);
}

/**
 * Browser mode: the same dispatcher as the Electron IPC channel, over HTTP. `POST /api/<method>` with
 * `{ "input": ... }`; the session rides in an HttpOnly, SameSite=Strict cookie, and a request from
 * another origin is refused.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Errors the router raises before any route runs (a method name longer than a route parameter may
    // be, a malformed URL): typed too, never Fastify's own text.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as unknown as FastifyReply).code(tooLong ? 404 : 400).send({ ok: false, error: apiError(tooLong ? 'UNKNOWN_METHOD' : 'INVALID_INPUT') });
    },
  });
  await app.register(fastifyCookie);
  // JSON only: Fastify also parses text/plain by default, a content type any other site can POST without
  // a preflight.
  app.removeContentTypeParser('text/plain');
  // JSON is UTF-8 (RFC 8259), and Fastify decodes it leniently: invalid bytes in a name would be stored
  // as U+FFFD instead of what was typed. Decode strictly, then parse as Fastify does (prototype keys refused).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(Object.assign(new Error('the body is not valid UTF-8'), { statusCode: 400 }), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.post<{ Params: { method: string }; Body: { input?: unknown } | null }>('/api/:method', async (request, reply) => {
    const origin = request.headers.origin;
    const host = request.headers.host;
    if (!isAllowedHost(host, options.allowedHostNames ?? []) || (origin !== undefined && originHost(origin) !== host)) {
      return reply.code(403).send({ ok: false, error: apiError('FORBIDDEN') });
    }
    const body = request.body;
    const input = body && typeof body === 'object' && 'input' in body ? body.input : undefined;
    const outcome = await options.dispatch({ method: request.params.method, input, token: request.cookies[SESSION_COOKIE] });
    if (outcome.sessionChange && 'set' in outcome.sessionChange) {
      reply.setCookie(SESSION_COOKIE, outcome.sessionChange.set.token, { httpOnly: true, sameSite: 'strict', path: '/' });
    } else if (outcome.sessionChange) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    const status = outcome.result.ok ? 200 : HTTP_STATUS[outcome.result.error.code];
    return reply.code(status).send(outcome.result);
  });

  // Malformed JSON, wrong content type or an oversized body: a typed error, never a stack trace.
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return reply.code(status).send({ ok: false, error: apiError(status === 500 ? 'INTERNAL' : 'INVALID_INPUT') });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ ok: false, error: apiError(request.url.startsWith('/api/') ? 'UNKNOWN_METHOD' : 'NOT_FOUND') }),
  );

  if (options.staticDir) {
    if (!existsSync(options.staticDir)) throw new Error(`The renderer is not built (${options.staticDir} is missing): run \`npm run build:web\`.`);
    await app.register(fastifyStatic, { root: options.staticDir });
  }
  return app;
}
