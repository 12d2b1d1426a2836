import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/branch';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every row of issue 8's table, by key: a measurement that goes missing fails here. */
const EXPECTED_FIGURES = [
  'app.start',
  ...['phone', 'name', 'nameFragment', 'initials', 'serial'].map((k) => `search.customers.${k}`),
  ...['phone', 'name', 'nameFragment', 'initials', 'serial', 'callNumber'].map((k) => `search.calls.${k}`),
  'board.dispatch',
  'book.firstPage',
  'reports.technicianDay',
  'reports.branchDay',
  'reports.month',
  'forms.receipt',
  'forms.receiptRoll',
  'forms.voucher',
  'forms.repairCard',
  'forms.technicianDay50',
  'forms.supervisorDay',
  'audit.verifyChain',
  'register.knownCustomer',
  'register.newCustomer',
  'api.overhead',
  'ingest.sqlite',
  'ingest.postgres',
];

interface Layer {
  median: number;
  p95: number;
  samples: number;
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * The benchmark harness at small scale, end to end in its own process: generation, every measurement,
 * the table and the JSON file. It proves the harness works and keeps it from rotting; it never judges
 * a timing (a loaded CI machine would make that a coin toss).
 */
describe('npm run bench -- --scale small', () => {
  it('generates the branch, measures every row of the table and writes every figure', async () => {
    const dir = makeTempDir('aftercare-bench-small-');
    try {
      const out = path.join(dir, 'bench-results.json');
      const { code, output } = await run(['--scale', 'small', '--cache', path.join(dir, 'cache'), '--out', out]);
      expect(code, output.slice(-3000)).toBe(0);
      expect(output).toContain('targets met:');

      const results = JSON.parse(readFileSync(out, 'utf8')) as {
        scale: string;
        machine: Record<string, unknown>;
        data: { counts: Record<string, number>; fromCache: boolean };
        figures: Array<{ key: string; service?: Layer; http?: Layer; raw?: Layer; process?: Layer; ratioToRaw: { median: number; p95: number } | null; target: string; meetsTarget: boolean; details?: Record<string, number> }>;
        peakRssMb: number;
      };
      expect(results.scale).toBe('small');
      expect(results.data.fromCache).toBe(false);
      expect(results.data.counts.calls).toBe(20_000);
      expect(results.data.counts.customers).toBe(2_000);
      expect(results.data.counts.repair_cards).toBeGreaterThan(0);
      expect(results.machine).toMatchObject({ cpu: expect.any(String), cores: expect.any(Number), node: process.version, sqlite: expect.stringMatching(/^3\./) });
      expect(results.peakRssMb).toBeGreaterThan(0);
      expect(results.figures.map((f) => f.key)).toEqual(EXPECTED_FIGURES);

      const positive = (n: number | undefined) => typeof n === 'number' && Number.isFinite(n) && n > 0;
      for (const f of results.figures) {
        const layers = [f.service, f.http, f.raw, f.process].filter((l): l is Layer => l !== undefined);
        expect(layers.length, f.key).toBeGreaterThan(0);
        for (const l of layers) expect(positive(l.median) && positive(l.p95) && l.samples > 0, `${f.key}: ${JSON.stringify(l)}`).toBe(true);
        if (f.raw) expect(positive(f.ratioToRaw?.median) && positive(f.ratioToRaw?.p95), `${f.key} ratio`).toBe(true);
        expect(f.target.length, f.key).toBeGreaterThan(0);
        expect(typeof f.meetsTarget, f.key).toBe('boolean');
        // Each printed form reports the size of its PDF.
        if (f.key.startsWith('forms.')) expect(positive(f.details?.sizeKb), `${f.key} size`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
