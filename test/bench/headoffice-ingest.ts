/**
 * Head-office ingest throughput: signed reports per second through the real HTTP endpoint on loopback,
 * on SQLite and on PostgreSQL (the machine's server, a throw-away schema). Each run sends new reports
 * (distinct identities), several at once as many branches would; the figure is the median of the runs.
 *
 *   npx tsx test/bench/headoffice-ingest.ts [--reports N] [--runs N] [--concurrency N]
 */
import { parseArgs } from 'node:util';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { REPORTS_PATH } from '../../src-shared/sync/request-signing';
import { signRequest } from '../../src-main/core/sync/sign-request';
import { BACKENDS, movableClock, startHeadOffice, technicianEnvelope } from '../integration/headoffice/harness';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '500' }, runs: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '20' }, backend: { type: 'string' } } });
const REPORTS = Number(values.reports);
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

for (const backend of BACKENDS.filter((b) => !values.backend || b.name === values.backend)) {
  const clock = movableClock(new Date('2026-03-02T11:00:00.000Z'));
  const created = await backend.create();
  const ho = await startHeadOffice(created.store, clock);
  const rates: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Distinct identities: technician × day, a new day range per run.
      const bodies = Array.from({ length: REPORTS }, (_, i) => {
        const date = new Date(Date.UTC(2020 + run, 0, 1) + Math.floor(i / 50) * 86_400_000).toISOString().slice(0, 10);
        return canonicalJson(technicianEnvelope({ date, tech: `T${i % 50}` }));
      });
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const headers = signRequest({ secret: ho.secret, branchCode: 'SH02', method: 'POST', path: REPORTS_PATH, body, now: clock.now() });
            const response = await fetch(`${ho.baseUrl}${REPORTS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
            if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
            await response.arrayBuffer();
          }
        }),
      );
      rates.push(REPORTS / ((performance.now() - started) / 1000));
    }
    console.log(`${backend.name.padEnd(9)} ${median(rates).toFixed(0).padStart(6)} reports/s (median of ${RUNS} runs of ${REPORTS}, ${CONCURRENCY} at once; runs: ${rates.map((r) => r.toFixed(0)).join(', ')})`);
  } finally {
    await ho.stop();
    await created.drop();
  }
}
