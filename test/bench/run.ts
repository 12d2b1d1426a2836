/**
 * `npm run bench -- --scale small|full`: what users wait for, on a generated branch of that scale,
 * against the raw limit of this machine in the same run. Prints a table and writes bench-results.json.
 *
 *   npm run bench -- [--scale small|full] [--seed N] [--cache DIR] [--out FILE] [--only a,b]
 *
 * The database is generated once per scale, seed, schema and generator version into --cache
 * (bench-data/ by default, gitignored) and reused; each run works on a copy. Parts for --only:
 * appStart, search, board, reports, forms, audit, register, overhead, ingest.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATABASE_FILE_NAME } from '../../src-main/core/branch-app';
import { ensureBenchDatabase, isCached } from './generate/build';
import { scaleNamed } from './generate/scale';
import { measureAppStart } from './measure/app-start';
import { measureAuditChain } from './measure/audit';
import { measureBoard } from './measure/board';
import { openBenchContext } from './measure/context';
import { measureForms } from './measure/forms';
import { measureIngest } from './measure/ingest';
import { measureOverhead } from './measure/overhead';
import { PLANS } from './measure/plans';
import { prepareRawQueries } from './measure/raw-queries';
import { measureRegister } from './measure/register';
import { describeMachine, formatTable, type Figure } from './measure/results';
import { measureReports } from './measure/reports';
import { measureSearch } from './measure/search';

const PARTS = ['appStart', 'search', 'board', 'reports', 'forms', 'audit', 'register', 'overhead', 'ingest'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    cache: { type: 'string', default: 'bench-data' },
    out: { type: 'string', default: 'bench-results.json' },
    only: { type: 'string' },
  },
});
const scale = scaleNamed(values.scale);
const seed = Number(values.seed);
const cacheRoot = path.resolve(values.cache);
const plan = PLANS[scale.name];
const only = values.only ? values.only.split(',') : [...PARTS];
for (const part of only) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part '${part}' (parts: ${PARTS.join(', ')})`);
const wanted = (part: (typeof PARTS)[number]) => only.includes(part);
const started = performance.now();
// Other work on the machine shows up in every figure: the load before and after is recorded with them.
const loadAtStart = os.loadavg();
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);

const wasCached = isCached(cacheRoot, scale, seed);
// Generation runs in its own process, so the peak memory reported below is the benchmark's alone.
const generator = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', path.join(here, 'generate', 'cli.ts'), '--scale', scale.name, '--seed', String(seed), '--cache', cacheRoot, '--quiet'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (generator.status !== 0) throw new Error(`generating the ${scale.name} branch failed (exit ${generator.status})`);
const database = await ensureBenchDatabase({ scale, seed, cacheRoot });
log(`${scale.name} branch: ${database.meta.counts.calls} calls, ${database.meta.counts.customers} customers (${wasCached ? 'cached' : 'generated'})`);

const figures: Figure[] = [];
async function step(part: (typeof PARTS)[number], label: string, measure: () => Promise<Figure | Figure[]>): Promise<void> {
  if (!wanted(part)) return;
  log(label);
  figures.push(...[await measure()].flat());
}

await step('appStart', 'app start', () => measureAppStart(database.file, database.meta.now, plan.appStartRuns));

const workDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-'));
let sqliteVersion = '';
try {
  copyFileSync(database.file, path.join(workDir, DATABASE_FILE_NAME));
  const ctx = await openBenchContext(workDir, database.meta);
  try {
    sqliteVersion = ctx.app.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
    const raw = prepareRawQueries(ctx.app.sqlite);
    await step('search', 'search as you type', () => measureSearch(ctx, raw, plan.searchTargets));
    await step('board', 'dispatch board', () => measureBoard(ctx, raw, plan.board));
    await step('reports', 'reports', () => measureReports(ctx, plan.reports));
    await step('forms', 'printed forms', () => measureForms(ctx, plan.forms));
    await step('audit', 'audit chain', () => measureAuditChain(ctx, { runs: 3, warmup: 0 }));
    // Writes last, so every read above saw the generated data as it was.
    await step('register', 'register a call', () => measureRegister(ctx, plan.register));
    await step('overhead', 'API overhead', () => measureOverhead(ctx, plan.overhead));
  } finally {
    await ctx.close();
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
await step('ingest', 'head-office ingest', () => measureIngest(plan.ingest));

const results = {
  scale: scale.name,
  seed,
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
  durationSeconds: Math.round((performance.now() - started) / 100) / 10,
  machine: { ...describeMachine(sqliteVersion), loadAverage1m: { atStart: loadAtStart[0], atEnd: os.loadavg()[0] } },
  data: {
    fromCache: wasCached,
    buildSeconds: database.meta.buildSeconds,
    databaseMb: Math.round(statSync(database.file).size / 2 ** 20),
    now: database.meta.now,
    counts: database.meta.counts,
    fixtures: database.meta.fixtures,
  },
  figures,
  targetsMet: `${figures.filter((f) => f.meetsTarget).length} of ${figures.length}`,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
writeFileSync(path.resolve(values.out), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${formatTable(figures)}\n`);
console.log(`scale ${scale.name} · ${results.machine.cpu} × ${results.machine.cores} · Node ${results.machine.node} · SQLite ${sqliteVersion} · peak RSS ${results.peakRssMb} MB · load ${loadAtStart[0]!.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`targets met: ${results.targetsMet} · written ${path.resolve(values.out)}`);
