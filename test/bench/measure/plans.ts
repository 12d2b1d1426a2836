import type { ScaleName } from '../generate/scale';

/** How many runs each measurement makes. Small proves the harness in seconds; full gives the figures. */
export interface Plan {
  appStartRuns: number;
  searchTargets: number;
  board: { runs: number; warmup: number };
  reports: { runs: number; warmup: number };
  forms: { runs: number; warmup: number };
  register: { runs: number; warmup: number };
  overhead: { runs: number; warmup: number };
  ingest: { reports: number; runs: number; concurrency: number };
}

export const PLANS: Readonly<Record<ScaleName, Plan>> = Object.freeze({
  full: {
    appStartRuns: 5,
    // Sixty customers: a name is two or three keystrokes, and a p95 needs a hundred or more samples.
    searchTargets: 60,
    board: { runs: 100, warmup: 5 },
    reports: { runs: 20, warmup: 3 },
    forms: { runs: 10, warmup: 2 },
    register: { runs: 300, warmup: 20 },
    overhead: { runs: 1000, warmup: 100 },
    ingest: { reports: 1000, runs: 5, concurrency: 20 },
  },
  small: {
    appStartRuns: 2,
    searchTargets: 2,
    board: { runs: 10, warmup: 2 },
    reports: { runs: 10, warmup: 2 },
    forms: { runs: 3, warmup: 1 },
    register: { runs: 40, warmup: 5 },
    overhead: { runs: 200, warmup: 20 },
    ingest: { reports: 200, runs: 2, concurrency: 10 },
  },
});
