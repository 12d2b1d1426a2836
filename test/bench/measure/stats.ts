/** Timing samples and their summaries: every figure is a median and a 95th percentile over many runs. */

export interface Summary {
  median: number;
  p95: number;
  samples: number;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  return { median: percentile(samples, 50), p95: percentile(samples, 95), samples: samples.length };
}

/** Milliseconds one call of `fn` takes. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Runs `fn` `warmup` times unmeasured (JIT, statement caches, page cache), then `runs` times measured.
 * `fn` gets the run number so each run can use different input.
 */
export async function sample(fn: (run: number) => unknown, options: { warmup: number; runs: number }): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < options.runs; i++) out.push(await timeOnce(() => fn(i)));
  return out;
}
