import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, PREVIEW_WEB_PREFERENCES, SECURE_WEB_PREFERENCES } from '../../src-main/electron/window-options';
import { CONTENT_SECURITY_POLICY } from '../../src-main/transports/http/security-headers';

/** The Electron window's hardening, read from the code: loosening any of it fails here. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
const stripComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const SECURITY_KEYS = [
  'contextIsolation',
  'sandbox',
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'webSecurity',
  'allowRunningInsecureContent',
  'webviewTag',
  'experimentalFeatures',
  'enableBlinkFeatures',
] as const;

/** The text of the object literal that follows `key:` from `start` on, braces balanced. */
function objectLiteralAfter(source: string, key: string): string[] {
  const literals: string[] = [];
  let from = 0;
  for (;;) {
    const at = source.indexOf(`${key}:`, from);
    if (at < 0) return literals;
    const open = source.indexOf('{', at);
    let depth = 0;
    let end = open;
    for (; end < source.length; end++) {
      if (source[end] === '{') depth++;
      if (source[end] === '}' && --depth === 0) break;
    }
    literals.push(source.slice(open, end + 1));
    from = end;
  }
}

describe('the window options', () => {
  it('isolate, sandbox and keep Node out of the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('turn on nothing experimental or remote', () => {
    const prefs = SECURE_WEB_PREFERENCES as Record<string, unknown>;
    expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBeUndefined();
  });

  it('name one IPC channel', () => {
    expect(IPC_CHANNEL).toBe('aftercare:invoke');
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );

  it('allows only the app itself by default', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('runs only the app’s own scripts: no inline, no eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
  });

  it('allows no plugins, no framing of the app, no base rewriting', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('names no remote host and no scheme wildcard anywhere', () => {
    const allowed = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
  });

  it('allows inline only for styles (antd writes styles at run time)', () => {
    const withInline = [...directives].filter(([, sources]) => sources.includes("'unsafe-inline'")).map(([name]) => name);
    expect(withInline).toEqual(['style-src']);
  });

  it('restricts where the page may connect and submit to the app itself', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
  });
});

describe('the Electron main process (read as text)', () => {
  const main = stripComments(read('src-main/electron/main.ts'));

  it('spreads the secure options into every webPreferences without overriding them', () => {
    const literals = objectLiteralAfter(main, 'webPreferences');
    expect(literals.length).toBeGreaterThan(0);
    for (const literal of literals) {
      expect(literal).toMatch(/^\{\s*\.\.\.SECURE_WEB_PREFERENCES\b/);
      for (const key of SECURITY_KEYS) expect(literal, `${key} overridden`).not.toMatch(new RegExp(`\\b${key}\\b`));
    }
  });

  it('blocks navigation away from the app', () => {
    expect(main).toMatch(/\.on\(\s*'will-navigate'\s*,\s*\(\s*event\s*\)\s*=>\s*event\.preventDefault\(\)\s*\)/);
  });

  it('denies every new window', () => {
    const handlers = [...main.matchAll(/setWindowOpenHandler\(([\s\S]*?)\}\)\s*;/g)].map((m) => m[1]!);
    expect(handlers.length).toBeGreaterThanOrEqual(1);
    for (const handler of handlers) {
      expect(handler).toContain("action: 'deny'");
      expect(handler).not.toContain("'allow'");
    }
    expect(main).not.toMatch(/action:\s*'allow'/);
  });

  it('refuses webviews and permission requests', () => {
    expect(main).toMatch(/'will-attach-webview'\s*,\s*\(\s*event\s*\)\s*=>\s*event\.preventDefault\(\)/);
    expect(main).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(false\)/);
  });

  it('checks the sender frame of every IPC call on the one channel', () => {
    expect(main).toMatch(/ipcMain\.handle\(\s*IPC_CHANNEL\b/);
    expect(main).not.toMatch(/ipcMain\.(on|handle)\(\s*'/);
    const handler = main.slice(main.indexOf('ipcMain.handle('));
    const check = handler.indexOf('event.senderFrame');
    expect(check).toBeGreaterThan(0);
    expect(handler).toMatch(/event\.senderFrame\s*!==\s*window\.webContents\.mainFrame/);
    expect(check).toBeLessThan(handler.indexOf('dispatch('));
  });

  it('sets the CSP on every response and loads only local files', () => {
    expect(main).toMatch(/'Content-Security-Policy':\s*\[CONTENT_SECURITY_POLICY\]/);
    expect(main).toContain("from '../transports/http/security-headers'");
    expect(main).toMatch(/\.loadFile\(/);
    expect(main).not.toMatch(/\.loadURL\(/);
  });
});

describe('the print preview window (read as text)', () => {
  const printWindow = stripComments(read('src-main/electron/print-window.ts'));

  it('loosens nothing but the built-in PDF viewer, and has no preload', () => {
    expect(PREVIEW_WEB_PREFERENCES).toEqual({ ...SECURE_WEB_PREFERENCES, plugins: true });
    const literals = objectLiteralAfter(printWindow, 'webPreferences');
    expect(literals).toHaveLength(1);
    expect(literals[0]).toMatch(/^\{\s*\.\.\.PREVIEW_WEB_PREFERENCES\s*\}$/);
    expect(printWindow).not.toContain('preload');
  });

  it('shows only the local file it wrote, and opens nothing else', () => {
    expect(printWindow).toMatch(/\.on\(\s*'will-navigate'\s*,\s*\(\s*event\s*\)\s*=>\s*event\.preventDefault\(\)\s*\)/);
    expect(printWindow).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(printWindow).toMatch(/\.loadFile\(file\)/);
    expect(printWindow).not.toMatch(/\.loadURL\(/);
  });
});

describe('the preload (read as text)', () => {
  const preload = stripComments(read('src-main/electron/preload.ts'));

  it('exposes exactly one object with only `invoke`, over the one channel', () => {
    const exposures = [...preload.matchAll(/contextBridge\.exposeInMainWorld\(\s*'(\w+)'\s*,\s*(\{[\s\S]*?\})\s*\)\s*;/g)];
    expect(exposures).toHaveLength(1);
    expect(exposures[0]![1]).toBe('aftercare');
    const body = exposures[0]![2]!;
    let topLevel = body;
    while (/\([^()]*\)/.test(topLevel)) topLevel = topLevel.replace(/\([^()]*\)/g, '');
    const keys = [...topLevel.matchAll(/(?:^|[{,])\s*(\w+)\s*:/g)].map((m) => m[1]);
    expect(keys).toEqual(['invoke']);
    expect(body).toMatch(/ipcRenderer\.invoke\(\s*IPC_CHANNEL\s*,\s*method\s*,\s*input\s*\)/);
  });

  it('hands the renderer no Electron or Node object', () => {
    const code = preload.replace(/^import .*$/gm, '');
    expect(code.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke']);
    expect(code).not.toMatch(/\brequire\(|process\.|ipcRenderer\s*[,}]/);
  });
});
