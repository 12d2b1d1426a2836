import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/transports/http/security-headers';
import { SESSION_COOKIE } from '../../../src-main/transports/http/server';
import { makeTempDir, openSeededBranch, TEST_USERS, type TestBranch } from '../../helpers/branch';
import { postApi, sessionCookieOf, startHttpServer, type RunningServer } from '../../helpers/http';
import { snapshotTables } from '../../helpers/snapshot';

/** Browser mode's transport: cookies, origin, headers, where it listens. */
let branch: TestBranch;
let http: RunningServer;
let staticDir: string;
beforeAll(async () => {
  branch = await openSeededBranch();
  staticDir = makeTempDir('aftercare-static-');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div></body></html>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  http = await startHttpServer(branch.app.dispatch, { staticDir });
});
afterAll(async () => {
  await http.close();
  await branch.close();
});

const clerk = TEST_USERS.clerk;
const login = () => postApi(http.baseUrl, 'auth.login', { username: clerk.username, password: clerk.password });

describe('the session cookie', () => {
  it('is set on sign-in: HttpOnly, SameSite=Strict, whole site, and the token is not in the body', async () => {
    const reply = await login();
    expect(reply.status).toBe(200);
    const cookies = reply.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{40,}$`));
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    const token = sessionCookieOf(reply.headers)!;
    expect(reply.text).not.toContain(token);
    expect(reply.body).toMatchObject({ ok: true, data: { user: { username: 'clerk', role: 'clerk' } } });
  });

  it('carries the session, and sign-out clears it for good', async () => {
    const token = sessionCookieOf((await login()).headers)!;
    const me = await postApi(http.baseUrl, 'auth.me', {}, { token });
    expect(me.status).toBe(200);

    const out = await postApi(http.baseUrl, 'auth.logout', {}, { token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true, data: null });
    const cleared = out.headers.getSetCookie();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared[0]!.toLowerCase()).toMatch(/expires=thu, 01 jan 1970|max-age=0/);
    expect(cleared[0]!.toLowerCase()).toContain('path=/');

    const after = await postApi(http.baseUrl, 'auth.me', {}, { token });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN', messageKey: 'errors.NOT_SIGNED_IN' } });
  });

  it('is never set by a failed sign-in', async () => {
    const reply = await postApi(http.baseUrl, 'auth.login', { username: 'clerk', password: 'not-the-password' });
    expect(reply.status).toBe(401);
    expect(reply.headers.getSetCookie()).toEqual([]);
    await branch.ok('users.unlock', { userId: branch.userId('clerk') }, await branch.signIn('admin'));
  });
});

describe('a request from another origin', () => {
  it('is refused with FORBIDDEN before it reaches the dispatcher', async () => {
    const token = sessionCookieOf((await login()).headers)!;
    const before = snapshotTables(branch.app.sqlite);
    for (const origin of ['http://evil.example', 'https://127.0.0.1.evil.example', `http://127.0.0.1:${http.port + 1}`, `http://localhost:${http.port}`, 'null', 'not a url']) {
      const reply = await postApi(http.baseUrl, 'auth.logout', {}, { token, headers: { origin } });
      expect(reply.status, origin).toBe(403);
      expect(reply.body, origin).toEqual({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' } });
      expect(reply.headers.getSetCookie(), origin).toEqual([]);
    }
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
    // The session survived every attempt to end it from elsewhere.
    expect((await postApi(http.baseUrl, 'auth.me', {}, { token })).status).toBe(200);
  });

  it('is served when the origin is the page’s own', async () => {
    const reply = await postApi(http.baseUrl, 'setup.status', {}, { headers: { origin: http.baseUrl } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, data: { isSetUp: true, branch: { code: 'SH02', name: '上海徐汇服务站' } } });
  });

  it('cannot sign in from elsewhere either', async () => {
    const reply = await postApi(http.baseUrl, 'auth.login', { username: clerk.username, password: clerk.password }, { headers: { origin: 'http://evil.example' } });
    expect(reply.status).toBe(403);
    expect(reply.headers.getSetCookie()).toEqual([]);
  });
});

/** POST with a Host header of our choosing (fetch always sends the URL's). */
function postWithHost(port: number, host: string, method: string, input: unknown, origin?: string): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify({ input });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(origin ? { origin } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('a page on another domain that resolves to this machine (DNS rebinding)', () => {
  it('is refused even though its Origin matches its Host', async () => {
    for (const host of [`evil.example:${http.port}`, `localhost.evil.example:${http.port}`, `127.0.0.1.nip.io:${http.port}`]) {
      const reply = await postWithHost(http.port, host, 'setup.status', {}, `http://${host}`);
      expect(reply, host).toEqual({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' } } });
      const noOrigin = await postWithHost(http.port, host, 'auth.login', { username: clerk.username, password: clerk.password });
      expect(noOrigin.status, host).toBe(403);
    }
  });

  it('while the machine’s addresses and localhost are served', async () => {
    for (const host of [`127.0.0.1:${http.port}`, `localhost:${http.port}`, `192.168.1.20:${http.port}`, `[::1]:${http.port}`]) {
      const reply = await postWithHost(http.port, host, 'setup.status', {}, `http://${host}`);
      expect(reply.status, host).toBe(200);
    }
  });

  it('a host name the server was told about is served', async () => {
    const named = await startHttpServer(branch.app.dispatch, { allowedHostNames: ['shop-pc'] });
    try {
      expect((await postWithHost(named.port, `shop-pc:${named.port}`, 'setup.status', {})).status).toBe(200);
      expect((await postWithHost(named.port, `other-pc:${named.port}`, 'setup.status', {})).status).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe('headers', () => {
  it('the page is served with the CSP and hardening headers', async () => {
    const page = await fetch(`${http.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await fetch(`${http.baseUrl}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('API answers carry the CSP too and are never cached', async () => {
    for (const reply of [await postApi(http.baseUrl, 'setup.status', {}), await postApi(http.baseUrl, 'users.list', {})]) {
      expect(reply.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('nothing outside the static folder is served', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json']) {
      const reply = await fetch(`${http.baseUrl}${url}`);
      expect(reply.status, url).toBe(404);
      expect(await reply.text(), url).not.toContain('"dependencies"');
    }
  });
});

describe('where it listens', () => {
  it('binds exactly the loopback address it is told', () => {
    const addresses = http.server.addresses();
    expect(addresses).toHaveLength(1);
    expect(addresses[0]).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: http.port });
    expect(http.port).toBeGreaterThan(0);
  });

  it('browser mode defaults to 127.0.0.1:5180 (read from web-cli.ts)', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const cli = readFileSync(path.join(root, 'src-main/transports/http/web-cli.ts'), 'utf8');
    expect(cli).toMatch(/host:\s*\{\s*type:\s*'string',\s*default:\s*'127\.0\.0\.1'\s*\}/);
    expect(cli).toMatch(/port:\s*\{\s*type:\s*'string',\s*default:\s*'5180'\s*\}/);
    expect(cli).toMatch(/listen\(\{\s*port:\s*Number\(values\.port\),\s*host:\s*values\.host\s*\}\)/);
  });
});
