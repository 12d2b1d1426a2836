import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { BACKENDS, BRANCH, movableClock, startHeadOffice, technicianEnvelope } from '../../integration/headoffice/harness';
import type { LoadResult, LoadRun } from './ingest-load-child';
import type { Figure } from './results';
import { percentile, summarize } from './stats';

/** Enough requests for the JIT to have compiled the hot paths and the pools to be full. */
const WARMUP_REPORTS = 1000;
const LOAD_CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ingest-load-child.ts');

/** The branches' process: one run per call, answered when every report of it has been answered. */
function startLoadGenerator(): { run(load: LoadRun): Promise<Extract<LoadResult, { ok: true }>>; stop(): void } {
  // The default execArgv is this process's, so the child loads TypeScript the way the benchmark does.
  const child: ChildProcess = fork(LOAD_CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    run: (load) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code}) during a run`));
        child.once('exit', onExit);
        child.once('message', (message: LoadResult) => {
          child.off('exit', onExit);
          if (message.ok) resolve(message);
          else reject(new Error(message.error));
        });
        child.send(load);
      }),
    stop: () => child.disconnect(),
  };
}

/**
 * Head-office ingest at the evening peak: signed technician reports through the real HTTP endpoint on
 * loopback, `concurrency` at once as many branches would send them, one in ten a resend of a report
 * already stored (answered `duplicate`), on SQLite and on the machine's PostgreSQL. The branches are a
 * separate process (ingest-load-child.ts), so the server's Node thread has a core to itself; the
 * branches and PostgreSQL share the machine's other core with it.
 */
export async function measureIngest(plan: { reports: number; runs: number; concurrency: number }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const load = startLoadGenerator();
  try {
    for (const backend of BACKENDS) {
      const clock = movableClock(new Date('2026-03-02T11:00:00.000Z'));
      const created = await backend.create();
      const ho = await startHeadOffice(created.store, clock);
      const rates: number[] = [];
      const latencies: number[] = [];
      const serverCpuMsPerReport: number[] = [];
      let duplicates = 0;
      try {
        for (let run = -1; run < plan.runs; run++) {
          // Distinct identities per run (technician × day); every tenth body is a resend of an earlier one.
          // The warm-up run is at least WARMUP_REPORTS long: a server at the evening peak has long been hot.
          const fresh: string[] = [];
          const bodies = Array.from({ length: run < 0 ? Math.max(plan.reports, WARMUP_REPORTS) : plan.reports }, (_, i) => {
            if (i % 10 === 9 && fresh.length > 0) return fresh[(i * 7) % fresh.length]!;
            const date = new Date(Date.UTC(2021 + run, 0, 1) + Math.floor(i / 50) * 86_400_000).toISOString().slice(0, 10);
            const body = canonicalJson(technicianEnvelope({ date, tech: `T${i % 50}` }));
            fresh.push(body);
            return body;
          });
          const cpuBefore = process.cpuUsage();
          const result = await load.run({ baseUrl: ho.baseUrl, secret: ho.secret, branchCode: BRANCH, nowIso: clock.now().toISOString(), bodies, concurrency: plan.concurrency });
          const cpu = process.cpuUsage(cpuBefore);
          // Run -1 warms the server, the store and the connection pool up.
          if (run < 0) continue;
          rates.push(plan.reports / (result.elapsedMs / 1000));
          latencies.push(...result.latenciesMs);
          serverCpuMsPerReport.push((cpu.user + cpu.system) / 1000 / plan.reports);
          duplicates += result.duplicates;
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
        details: {
          reportsPerRun: plan.reports,
          concurrency: plan.concurrency,
          duplicatesAnswered: duplicates,
          requestMedianMs: perRequest.median,
          requestP95Ms: perRequest.p95,
          serverCpuMsPerReport: percentile(serverCpuMsPerReport, 50),
        },
        note:
          'median = median rate over the runs; p95 = the rate 95% of runs reached (5th percentile). The branches sending the reports run in a ' +
          'separate process, not in the server thread; serverCpuMsPerReport is the server process\'s own CPU time (median over the runs)',
      });
    }
  } finally {
    load.stop();
  }
  return figures;
}
