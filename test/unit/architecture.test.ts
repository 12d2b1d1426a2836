import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering of ../shared/style.md as a failing test: Electron only at the rim, no Node, database,
 * PDF or server code in the renderer or shared code, migrations standing alone.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'build', 'data', 'test-output', 'test-results', 'playwright-report']);

function listSources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) files.push(...listSources(path.join(dir, entry.name)));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path.join(dir, entry.name));
    }
  }
  return files;
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every module specifier a file imports, re-exports, imports dynamically or requires. */
function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) for (const match of withoutComments.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

interface SourceFile {
  /** Repo-relative, with forward slashes. */
  rel: string;
  imports: string[];
}

const files: SourceFile[] = listSources(root).map((file) => ({
  rel: path.relative(root, file).split(path.sep).join('/'),
  imports: importsOf(readFileSync(file, 'utf8')),
}));

/** Where a relative import lands, repo-relative; bare specifiers are returned as they are. */
function target(file: SourceFile, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file.rel), specifier));
}

const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);

function violations(filesIn: (rel: string) => boolean, isForbidden: (file: SourceFile, specifier: string) => boolean): string[] {
  return files
    .filter((f) => filesIn(f.rel))
    .flatMap((f) => f.imports.filter((s) => isForbidden(f, s)).map((s) => `${f.rel} imports ${s}`));
}

const under = (...prefixes: string[]) => (rel: string) => prefixes.some((p) => rel.startsWith(p));

describe('the import scanner', () => {
  it('finds every kind of import', () => {
    const source = [
      "import a from 'alpha';",
      "import type { B } from 'beta';",
      "import {\n  c,\n  d,\n} from 'gamma/sub';",
      "import 'delta';",
      "export { e } from './epsilon';",
      "export * from 'zeta';",
      "const f = await import('eta');",
      "const g = require('theta');",
      "// import nope from 'commented';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(['./epsilon', 'alpha', 'beta', 'delta', 'eta', 'gamma/sub', 'theta', 'zeta']);
  });

  it('sees the whole code base, including the Electron rim', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const dir of ['src-shared/', 'src-main/core/', 'src-main/electron/', 'src-renderer/', 'migrations/', 'test/']) {
      expect(files.some((f) => f.rel.startsWith(dir)), dir).toBe(true);
    }
    expect(files.find((f) => f.rel === 'src-main/electron/main.ts')?.imports).toContain('electron');
    expect(files.find((f) => f.rel === 'src-main/electron/preload.ts')?.imports).toContain('electron');
  });
});

describe('layering', () => {
  it('imports electron only under src-main/electron', () => {
    const isElectron = (_f: SourceFile, s: string) => s === 'electron' || s.startsWith('electron/');
    expect(violations((rel) => !rel.startsWith('src-main/electron/'), isElectron)).toEqual([]);
  });

  it('keeps Electron out of the core, the transports, head office and the tests in particular', () => {
    const isElectron = (_f: SourceFile, s: string) => packageName(s) === 'electron';
    expect(violations(under('src-main/core/', 'src-main/transports/', 'src-headoffice/', 'test/'), isElectron)).toEqual([]);
  });

  it('keeps Node, the database, PDF and server libraries out of the renderer and shared code', () => {
    const FORBIDDEN = new Set(['kysely', 'better-sqlite3', 'pdfmake', 'fastify', 'pg', 'electron']);
    const isForbidden = (_f: SourceFile, s: string) =>
      isNodeBuiltin(s) || FORBIDDEN.has(packageName(s)) || packageName(s).startsWith('@fastify/');
    expect(violations(under('src-renderer/', 'src-shared/'), isForbidden)).toEqual([]);
  });

  it('never lets the renderer or shared code reach into the main process or head office', () => {
    const reachesIn = (f: SourceFile, s: string) => /^(src-main|src-headoffice)(\/|$)/.test(target(f, s));
    expect(violations(under('src-renderer/', 'src-shared/'), reachesIn)).toEqual([]);
  });

  it('keeps src-shared free of the renderer', () => {
    const reachesRenderer = (f: SourceFile, s: string) => /^src-renderer(\/|$)/.test(target(f, s));
    expect(violations(under('src-shared/'), reachesRenderer)).toEqual([]);
  });

  it('lets migrations import nothing from src-*', () => {
    const reachesSrc = (f: SourceFile, s: string) => /^src-[^/]+(\/|$)/.test(target(f, s));
    expect(violations(under('migrations/'), reachesSrc)).toEqual([]);
  });
});
