import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MAIN_BUNDLE_EXTERNALS } from '../../../scripts/main-bundle-externals';
import { DATABASE_FILE_NAME } from '../../../src-main/core/branch-app';
import { checkDatabaseFile } from '../../../src-main/core/db/integrity';
import type { Figure } from './results';
import { percentile, summarize, timeOnce } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/**
 * The child is bundled first, as electron-vite bundles the main process: a start-up measured through tsx
 * would time TypeScript compilation instead. It leaves out exactly what the product's bundle leaves out
 * (scripts/main-bundle-externals.ts): the pure-JS packages are inside it, only better-sqlite3 (and the
 * printing packages the code loads lazily) come from node_modules, so the module loading timed is the
 * one that ships. (esbuild keeps zod's unused locales that Vite drops: 1.6 MB against 1.06 MB; the load
 * times of the two measured the same within noise.) The bundle lives in the gitignored bench-data/ so
 * that `node_modules` resolves from it.
 */
async function bundleChild(): Promise<string> {
  const outfile = path.join(repoRoot, 'bench-data', 'app-start-child.mjs');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(here, 'app-start-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: [...MAIN_BUNDLE_EXTERNALS],
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

interface Marks {
  loaded: number;
  opened: number;
  ready: number;
  ok: boolean;
  peakRssKb: number;
}

/** The second line: when the quick check's verdict came (after the first screen when it ran in the background). */
interface CheckMarks {
  checked: number;
  verdict: string;
  inBackground: boolean;
}

function runChild(bundle: string, dataDir: string, nowIso: string): Promise<{ totalMs: number; marks: Marks; check: CheckMarks }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bundle, dataDir, nowIso], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let totalMs = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!totalMs && out.includes('\n')) totalMs = performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || !totalMs) return reject(new Error(`app-start child failed (${code}): ${err || out}`));
      const [first, second] = out.split('\n');
      const marks = JSON.parse(first!) as Marks;
      if (!marks.ok) return reject(new Error('the first dashboard query failed in the child'));
      const check = JSON.parse(second!) as CheckMarks;
      if (check.verdict !== 'passed') return reject(new Error(`the quick check in the child said '${check.verdict}'`));
      resolve({ totalMs, marks, check });
    });
  });
}

/** App start at this scale: spawn → open → migration check → first dashboard query, several times. */
export async function measureAppStart(sourceFile: string, nowIso: string, runs: number): Promise<Figure> {
  const bundle = await bundleChild();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-start-'));
  try {
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    copyFileSync(sourceFile, file);
    const totals: number[] = [];
    const parts = { moduleLoad: [] as number[], open: [] as number[], firstQuery: [] as number[], rssKb: [] as number[], checked: [] as number[] };
    let checkedInBackgroundRuns = 0;
    // One unmeasured start: the file's pages into the OS cache, as on a PC that used the app today.
    await runChild(bundle, dataDir, nowIso);
    for (let i = 0; i < runs; i++) {
      const { totalMs, marks, check } = await runChild(bundle, dataDir, nowIso);
      totals.push(totalMs);
      parts.checked.push(check.checked);
      if (check.inBackground) checkedInBackgroundRuns++;
      parts.moduleLoad.push(marks.loaded);
      parts.open.push(marks.opened - marks.loaded);
      parts.firstQuery.push(marks.ready - marks.opened);
      parts.rssKb.push(marks.peakRssKb);
    }
    const quickCheck = await timeOnce(() => checkDatabaseFile(file));
    const total = summarize(totals);
    return {
      key: 'app.start',
      label: 'app start: spawn, open, migration check, first screen',
      unit: 'ms',
      process: total,
      ratioToRaw: null,
      target: '≤ 300 ms (full scale)',
      meetsTarget: total.p95 <= 300,
      details: {
        processAndModulesMs: percentile(parts.moduleLoad, 50),
        openMs: percentile(parts.open, 50),
        firstQueryMs: percentile(parts.firstQuery, 50),
        quickCheckMs: quickCheck,
        checkedInBackgroundRuns,
        checkVerdictAtMs: percentile(parts.checked, 50),
        databaseMb: Math.round(statSync(file).size / 2 ** 20),
        childPeakRssMb: Math.round(Math.max(...parts.rssKb) / 1024),
      },
      note: checkedInBackgroundRuns > 0
        ? 'the quick check runs on a worker thread while the first screen is served (every write waits for it): checkVerdictAtMs is when its verdict came, ms after process start; quickCheckMs is the check timed alone'
        : 'openMs includes the quick_check of the whole file before it is opened for writing (quickCheckMs, timed alone)',
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
