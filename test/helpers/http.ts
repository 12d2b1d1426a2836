import type { FastifyInstance } from 'fastify';
import type { Dispatch } from '../../src-main/core/dispatch';
import { createHttpServer, SESSION_COOKIE, type HttpServerOptions } from '../../src-main/transports/http/server';

export interface RunningServer {
  readonly server: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The real browser-mode server on a free loopback port. */
export async function startHttpServer(dispatch: Dispatch, options: Omit<HttpServerOptions, 'dispatch'> = {}): Promise<RunningServer> {
  const server = await createHttpServer({ dispatch, ...options });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { server, baseUrl: `http://127.0.0.1:${address.port}`, port: address.port, close: () => server.close() };
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** The session token in a response's Set-Cookie, or null. */
export function sessionCookieOf(headers: Headers): string | null {
  for (const cookie of headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, value] = pair!.split('=');
    if (name?.trim() === SESSION_COOKIE) return value ?? '';
  }
  return null;
}

/** POST `/api/<method>` with `{ input }`, as the renderer's HTTP client does. */
export async function postApi(
  baseUrl: string,
  method: string,
  input: unknown,
  options: { token?: string | undefined; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpReply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.cookie = `${SESSION_COOKIE}=${options.token}`;
  const response = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers,
    body: options.rawBody ?? JSON.stringify({ input }),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body, text };
}
