import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { createHttpServer, SESSION_COOKIE } from '../../../src-main/transports/http/server';
import { BENCH_PASSWORD_COST } from '../generate/branch-setup';
import type { BenchMeta } from '../generate/build';

/** Whose session a call uses. */
export type Who = 'clerk' | 'supervisor' | 'technician' | 'manager';

const USERNAMES: Readonly<Record<Who, string>> = Object.freeze({ clerk: 'clerk1', supervisor: 'supervisor1', technician: 'tech001', manager: 'manager' });

/**
 * The benchmark's branch: the real app opened on a working copy of the generated database, with a clock
 * standing at the generated "now", signed-in sessions for each role through the dispatcher and through
 * the browser-mode HTTP server on loopback.
 */
export interface BenchContext {
  readonly app: BranchApp;
  readonly meta: BenchMeta;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly baseUrl: string;
  /** The data of a successful operation through the dispatcher; throws on a refusal. */
  call<T = unknown>(who: Who, method: string, input: unknown): Promise<T>;
  /** The same through HTTP (JSON in, JSON out, session cookie), as the browser client does it. */
  post<T = unknown>(who: Who, method: string, input: unknown): Promise<T>;
  userId(username: string): number;
  close(): Promise<void>;
}

export async function openBenchContext(dataDir: string, meta: BenchMeta): Promise<BenchContext> {
  const clock = fixedClock(new Date(meta.now));
  const app = await openBranchApp({ dataDir, clock, passwordCost: BENCH_PASSWORD_COST, idleLockMs: 365 * 86_400_000 });
  const server = await createHttpServer({ dispatch: app.dispatch });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the HTTP server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const tokens = new Map<Who, string>();
  const cookies = new Map<Who, string>();
  for (const [who, username] of Object.entries(USERNAMES) as Array<[Who, string]>) {
    const { result, sessionChange } = await app.dispatch({ method: 'auth.login', input: { username, password: meta.password } });
    if (!result.ok || !sessionChange || !('set' in sessionChange)) throw new Error(`sign-in as ${username} failed: ${JSON.stringify(result)}`);
    tokens.set(who, sessionChange.set.token);
    const response = await fetch(`${baseUrl}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { username, password: meta.password } }) });
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    await response.arrayBuffer();
    if (!cookie) throw new Error(`HTTP sign-in as ${username} failed: ${response.status}`);
    cookies.set(who, cookie);
  }

  return {
    app,
    meta,
    clock,
    baseUrl,
    async call<T>(who: Who, method: string, input: unknown): Promise<T> {
      const { result } = await app.dispatch({ method, input, token: tokens.get(who) });
      if (!result.ok) throw new Error(`${who} ${method} refused: ${JSON.stringify(result.error)}`);
      return result.data as T;
    },
    async post<T>(who: Who, method: string, input: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.get(who)! }, body: JSON.stringify({ input }) });
      const body = (await response.json()) as { ok: boolean; data?: T; error?: unknown };
      if (!body.ok) throw new Error(`${who} ${method} over HTTP refused: ${JSON.stringify(body.error)}`);
      return body.data as T;
    },
    userId(username: string): number {
      const user = meta.users.find((u) => u.username === username);
      if (!user) throw new Error(`no generated user ${username}`);
      return user.id;
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}
