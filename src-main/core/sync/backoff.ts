/** First retry after a few seconds: a blip in the network should not hold a report for long. */
export const BACKOFF_BASE_MS = 5_000;
/** Never wait longer than this between tries, however long head office has been away. */
export const BACKOFF_MAX_MS = 15 * 60 * 1000;

/**
 * How long to wait after the `failures`-th consecutive failure: exponential (5 s, 10 s, 20 s, ... up to
 * 15 minutes) with "equal jitter", a random point in the upper half of the step. The jitter spreads
 * out the branches that all lost head office at once, so they do not all knock again at the same
 * second when it comes back; the lower half is kept so a retry never comes suspiciously early.
 */
export function backoffDelayMs(failures: number, random: () => number): number {
  const step = Math.max(1, failures);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(step - 1, 20));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
