import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, openBranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/core/db/migrate';
import { BENCH_BRANCH, BENCH_PASSWORD, BENCH_PASSWORD_COST, setUpBranch, type BenchUser } from './branch-setup';
import { checkForeignKeys, openForBulkLoad, restoreIndexesAndTriggers, restoreWal, schemaListing, setAsideIndexesAndTriggers, COUNTED_TABLES } from './bulk-load';
import { fillAdminTasks, fillCalls } from './calls';
import { fillCustomers } from './customers';
import { prepareFixtures, type BenchFixtures } from './fixtures';
import { localDayIndex, previousWorkingDay } from './business-time';
import { fillReportHistory } from './report-history';
import { BENCH_NOW, GENERATOR_VERSION, type Scale } from './scale';

export interface BenchMeta {
  scale: Scale['name'];
  seed: number;
  generatorVersion: number;
  schemaVersion: number;
  now: string;
  branchCode: string;
  password: string;
  users: BenchUser[];
  counts: Record<string, number>;
  fixtures: BenchFixtures;
  buildSeconds: number;
  /** Calls on which the generator's fast clock and category rule were checked against the product's. */
  sampledChecks: number;
  /** Set when the database was generated at this older schema version and migrated by the product since. */
  upgradedFrom?: number;
}

export interface BenchDatabase {
  dir: string;
  file: string;
  meta: BenchMeta;
  fromCache: boolean;
}

const META_FILE = 'meta.json';

/** The cache key: a database is reused only for the same scale, seed, schema and generator. */
export function cacheDirName(scale: Scale, seed: number): string {
  return `${scale.name}-seed${seed}-schema${LATEST_SCHEMA_VERSION}-gen${GENERATOR_VERSION}`;
}

/** Whether a finished database for this scale and seed (at the current schema) is in the cache. */
export function isCached(cacheRoot: string, scale: Scale, seed: number): boolean {
  return existsSync(path.join(cacheRoot, cacheDirName(scale, seed), META_FILE));
}

/**
 * The generated branch for `scale` and `seed`: from `cacheRoot` when built before, else built now (in a
 * side folder renamed into place only when complete, so an interrupted build is never reused).
 */
export async function ensureBenchDatabase(options: { scale: Scale; seed: number; cacheRoot: string; log?: (message: string) => void }): Promise<BenchDatabase> {
  const { scale, seed, cacheRoot } = options;
  const log = options.log ?? (() => undefined);
  const dir = path.join(cacheRoot, cacheDirName(scale, seed));
  const metaFile = path.join(dir, META_FILE);
  if (existsSync(metaFile)) {
    return { dir, file: path.join(dir, DATABASE_FILE_NAME), meta: JSON.parse(readFileSync(metaFile, 'utf8')) as BenchMeta, fromCache: true };
  }
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const started = performance.now();
  const older = olderCache(cacheRoot, scale, seed);
  let meta: BenchMeta;
  if (older) {
    log(`upgrading the cached ${path.basename(older)} with the product's migrations`);
    meta = await upgrade(older, building);
    // The older copy is superseded: a cached full-scale branch is several gigabytes.
    rmSync(older, { recursive: true, force: true });
  } else {
    mkdirSync(building, { recursive: true });
    meta = await build(building, scale, seed, log);
    meta.buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  }
  writeFileSync(path.join(building, META_FILE), JSON.stringify(meta, null, 2));
  rmSync(path.join(building, 'backups'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  log(`${scale.name} branch ready in ${Math.round((performance.now() - started) / 100) / 10} s: ${dir}`);
  return { dir, file: path.join(dir, DATABASE_FILE_NAME), meta, fromCache: false };
}

/** The newest cached database of this scale, seed and generator at an older schema version, if any. */
function olderCache(cacheRoot: string, scale: Scale, seed: number): string | null {
  if (!existsSync(cacheRoot)) return null;
  const pattern = new RegExp(`^${scale.name}-seed${seed}-schema(\\d+)-gen${GENERATOR_VERSION}$`);
  const candidates = readdirSync(cacheRoot)
    .map((name) => ({ name, version: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((c) => c.version < LATEST_SCHEMA_VERSION && existsSync(path.join(cacheRoot, c.name, META_FILE)))
    .sort((a, b) => b.version - a.version);
  return candidates[0] ? path.join(cacheRoot, candidates[0].name) : null;
}

/**
 * A schema change does not regenerate ten years of data: the cached copy is opened by the product,
 * which migrates it as it would a branch's file on upgrade (new tables start empty, as they would).
 */
async function upgrade(olderDir: string, building: string): Promise<BenchMeta> {
  cpSync(olderDir, building, { recursive: true });
  const meta = JSON.parse(readFileSync(path.join(building, META_FILE), 'utf8')) as BenchMeta;
  const app = await openBranchApp({ dataDir: building, clock: fixedClock(new Date(meta.now)), passwordCost: BENCH_PASSWORD_COST });
  await app.close();
  restoreWal(path.join(building, DATABASE_FILE_NAME));
  return { ...meta, schemaVersion: LATEST_SCHEMA_VERSION, upgradedFrom: meta.upgradedFrom ?? meta.schemaVersion };
}

async function build(dir: string, scale: Scale, seed: number, log: (message: string) => void): Promise<BenchMeta> {
  const { users, staff } = await setUpBranch(dir, scale, seed);
  const file = path.join(dir, DATABASE_FILE_NAME);
  const sqlite = openForBulkLoad(file);
  let fixtures: BenchFixtures;
  let sampledChecks: number;
  const counts: Record<string, number> = {};
  try {
    const schemaBefore = schemaListing(sqlite);
    const setAside = setAsideIndexesAndTriggers(sqlite);
    const customerFile = fillCustomers(sqlite, scale, seed);
    log(`customers and products written`);
    ({ sampledChecks } = fillCalls(sqlite, scale, seed, customerFile, staff, BENCH_BRANCH.code, log));
    fillAdminTasks(sqlite, seed, staff);
    log(`re-creating ${setAside.length} indexes and triggers`);
    restoreIndexesAndTriggers(sqlite, setAside);
    if (schemaListing(sqlite).join('\n') !== schemaBefore.join('\n')) throw new Error('the bulk load changed the schema');
    const reportDay = previousWorkingDay(localDayIndex(BENCH_NOW.getTime()));
    const signedDays = await fillReportHistory(sqlite, staff, users.find((u) => u.role === 'manager')!, BENCH_BRANCH.code, { fromDay: reportDay - Math.ceil((scale.reportHistoryDays * 7) / 5), untilDay: reportDay }, log);
    log(`reports of ${signedDays} days signed and sent`);
    fixtures = prepareFixtures(sqlite, staff);
    checkForeignKeys(sqlite);
    for (const table of COUNTED_TABLES) counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
  restoreWal(file);
  return {
    scale: scale.name,
    seed,
    generatorVersion: GENERATOR_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    now: BENCH_NOW.toISOString(),
    branchCode: BENCH_BRANCH.code,
    password: BENCH_PASSWORD,
    users,
    counts,
    fixtures,
    buildSeconds: 0,
    sampledChecks,
  };
}
