import { checkDatabaseFile, damageFrom, type DatabaseDamagedError } from './integrity';
import { quickCheckInBackground, type BackgroundQuickCheck } from './integrity-worker';
import type { Sqlite } from './open';

/** How the quick check of the open database ended. */
export type IntegrityVerdict =
  | { state: 'passed'; checkedInBackground: boolean; checkMs: number }
  | { state: 'damaged'; error: DatabaseDamagedError }
  /** The app closed before the check ended. */
  | { state: 'abandoned' };

/** The quick check of the open database, and whether the app may write to it yet. */
export interface IntegrityGuard {
  /** Settles once and never rejects. */
  readonly verdict: Promise<IntegrityVerdict>;
  /** True once the check has passed (from the start if it ran before opening). */
  hasPassed(): boolean;
  /** The app is closing: stop waiting for the check. */
  stop(): void;
}

/** The file was checked before it was opened (or is new): writing may start at once. */
export function checkedBeforeOpening(checkMs: number): IntegrityGuard {
  return { verdict: Promise.resolve({ state: 'passed', checkedInBackground: false, checkMs }), hasPassed: () => true, stop: () => undefined };
}

export interface GuardOptions {
  sqlite: Sqlite;
  file: string;
  nativeBinding?: string | undefined;
  logError: (message: string, error: unknown) => void;
  /** Starts the background check (default: SQLite's quick check on a worker thread); tests hold it with a wrapper. */
  startCheck?: ((file: string, nativeBinding?: string) => BackgroundQuickCheck) | undefined;
}

/**
 * Open first, check meanwhile. The connection is switched to `query_only` before anything else runs on
 * it, so until the check has passed SQLite itself refuses every write, whichever path it comes by (the
 * dispatcher also holds writes back, so callers wait rather than fail). A damaged file keeps it on:
 * reads may still be served, nothing is written. If the worker cannot run, the check runs on this
 * thread instead (slow, but the guarantee holds).
 */
export function guardWhileChecking(options: GuardOptions): IntegrityGuard {
  const { sqlite, file, nativeBinding, logError, startCheck = quickCheckInBackground } = options;
  sqlite.pragma('query_only = ON');
  const started = performance.now();
  const background = startCheck(file, nativeBinding);
  let settle!: (verdict: IntegrityVerdict) => void;
  let settled = false;
  let passed = false;
  const verdict = new Promise<IntegrityVerdict>((resolve) => (settle = resolve));
  const finish = (next: IntegrityVerdict) => {
    if (settled) return;
    settled = true;
    // Before anyone waiting on the verdict runs: the held writes need a writable connection.
    if (next.state === 'passed') {
      sqlite.pragma('query_only = OFF');
      passed = true;
    }
    settle(next);
  };

  background.report.then(
    (report) => {
      const damage = damageFrom(file, report.problems);
      finish(damage ? { state: 'damaged', error: damage } : { state: 'passed', checkedInBackground: true, checkMs: performance.now() - started });
    },
    (error: unknown) => {
      if (settled) return;
      logError('integrity: the background quick check could not run; checking on the main thread', error);
      try {
        checkDatabaseFile(file, nativeBinding);
        finish({ state: 'passed', checkedInBackground: false, checkMs: performance.now() - started });
      } catch (failure) {
        // checkDatabaseFile throws nothing else: every failure to read the file is a verdict on it.
        finish({ state: 'damaged', error: failure as DatabaseDamagedError });
      }
    },
  );

  return {
    verdict,
    hasPassed: () => passed,
    stop() {
      finish({ state: 'abandoned' });
      background.stop();
    },
  };
}
