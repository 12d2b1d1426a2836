import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { REPORTS_PATH } from '../../../src-shared/sync/request-signing';
import { signRequest } from '../../../src-main/core/sync/sign-request';
import { BACKENDS, movableClock, startHeadOffice, technicianEnvelope } from '../../integration/headoffice/harness';
import type { Figure } from './results';
import { percentile, summarize, timeOnce } from './stats';

/**
 * Head-office ingest at the evening peak: signed technician reports through the real HTTP endpoint on
 * loopback, `concurrency` at once as many branches would send them, one in ten a resend of a report
 * already stored (answered `duplicate`), on SQLite and on the machine's PostgreSQL. The load generator
 * runs in the same Node thread as the server, so the figure is a lower bound for one core.
 */
export async function measureIngest(plan: { reports: number; runs: number; concurrency: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of BACKENDS) {
    const clock = movableClock(new Date('2026-03-02T11:00:00.000Z'));
    const created = await backend.create();
    const ho = await startHeadOffice(created.store, clock);
    const rates: number[] = [];
    const latencies: number[] = [];
    let duplicates = 0;
    try {
      for (let run = -1; run < plan.runs; run++) {
        // Distinct identities per run (technician × day); every tenth body is a resend of an earlier one.
        const fresh: string[] = [];
        const bodies = Array.from({ length: plan.reports }, (_, i) => {
          if (i % 10 === 9 && fresh.length > 0) return fresh[(i * 7) % fresh.length]!;
          const date = new Date(Date.UTC(2021 + run, 0, 1) + Math.floor(i / 50) * 86_400_000).toISOString().slice(0, 10);
          const body = canonicalJson(technicianEnvelope({ date, tech: `T${i % 50}` }));
          fresh.push(body);
          return body;
        });
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: plan.concurrency }, async () => {
            while (next < bodies.length) {
              const body = bodies[next++]!;
              const ms = await timeOnce(async () => {
                const headers = signRequest({ secret: ho.secret, branchCode: 'SH02', method: 'POST', path: REPORTS_PATH, body, now: clock.now() });
                const response = await fetch(`${ho.baseUrl}${REPORTS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
                const answer = (await response.json()) as { status?: string };
                if (response.status !== 200) throw new Error(`head office answered ${response.status}: ${JSON.stringify(answer)}`);
                if (answer.status === 'duplicate') duplicates++;
              });
              if (run >= 0) latencies.push(ms);
            }
          }),
        );
        // Run -1 warms the server, the store and the connection pool up.
        if (run >= 0) rates.push(plan.reports / ((performance.now() - started) / 1000));
      }
    } finally {
      await ho.stop();
      await created.drop();
    }
    const rate = { median: percentile(rates, 50), p95: percentile(rates, 5), samples: rates.length };
    const perRequest = summarize(latencies);
    figures.push({
      key: `ingest.${backend.name}`,
      label: `head-office ingest on ${backend.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      unit: 'reports/s',
      service: rate,
      ratioToRaw: null,
      target: '≥ 1,000 reports/s',
      meetsTarget: rate.median >= 1000,
      details: { reportsPerRun: plan.reports, concurrency: plan.concurrency, duplicatesAnswered: duplicates, requestMedianMs: perRequest.median, requestP95Ms: perRequest.p95 },
      note: 'median = median rate over the runs; p95 = the rate 95% of runs reached (5th percentile)',
    });
  }
  return figures;
}
