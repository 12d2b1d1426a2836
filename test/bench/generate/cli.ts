/**
 * Build (or find in the cache) a generated branch database without running the benchmark.
 *
 *   npx tsx test/bench/generate/cli.ts [--scale small|full] [--seed N] [--cache DIR] [--quiet]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBenchDatabase } from './build';
import { scaleNamed } from './scale';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'small' }, seed: { type: 'string', default: '1' }, cache: { type: 'string', default: 'bench-data' }, quiet: { type: 'boolean', default: false } } });
const started = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${m}`);
const db = await ensureBenchDatabase({ scale: scaleNamed(values.scale), seed: Number(values.seed), cacheRoot: path.resolve(values.cache), log });
if (!values.quiet) console.log(JSON.stringify({ file: db.file, fromCache: db.fromCache, buildSeconds: db.meta.buildSeconds, counts: db.meta.counts, fixtures: db.meta.fixtures }, null, 2));
