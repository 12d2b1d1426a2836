import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What SQLite's quick check said: the problems it listed (none: the file is sound). */
export interface QuickCheckReport {
  problems: string[];
}

/** A quick check running on another thread, and a way to stop waiting for it. */
export interface BackgroundQuickCheck {
  /** The report; rejects only when the worker itself failed (no verdict about the file). */
  readonly report: Promise<QuickCheckReport>;
  /**
   * Stop the worker. A quick check already inside SQLite cannot be interrupted: the thread ends when
   * SQLite returns, and the process waits for that on exit.
   */
  stop(): void;
}

/**
 * The worker's code, as source text: the packaged app (electron-vite) and the benchmark (esbuild) bundle
 * the main process differently, and neither would emit a separate worker file from a relative path.
 * better-sqlite3 is loaded from the path the main thread resolved, so the worker needs no module
 * resolution of its own (its eval code resolves from the working directory). A SQLite error is a verdict
 * on the file, as in checkDatabaseFile ("file is not a database", "disk image is malformed"); any other
 * failure (the module or its binary would not load) is the worker's, and the caller checks by itself.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let sqlite = null;
try {
  sqlite = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = sqlite.pragma('quick_check');
  parentPort.postMessage({ problems: rows.map((r) => r.quick_check).filter((r) => r !== 'ok') });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const fromSqlite = typeof (error && error.code) === 'string' && error.code.startsWith('SQLITE_');
  parentPort.postMessage(fromSqlite ? { problems: [message] } : { failure: message });
} finally {
  if (sqlite) sqlite.close();
}
`;

/**
 * SQLite's `PRAGMA quick_check` of `file` on a worker thread with its own read-only connection, so the
 * main thread serves the first screen meanwhile. The worker loads the same better-sqlite3 (and binary)
 * as the app.
 */
export function quickCheckInBackground(file: string, nativeBinding?: string): BackgroundQuickCheck {
  let worker: Worker;
  try {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, modulePath, nativeBinding } });
  } catch (error) {
    // No worker at all: the caller checks on its own thread, as it does when the worker fails later.
    const report = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    report.catch(() => undefined);
    return { report, stop: () => undefined };
  }
  const report = new Promise<QuickCheckReport>((resolve, reject) => {
    worker.once('message', (message: QuickCheckReport | { failure: string }) =>
      'failure' in message ? reject(new Error(`the quick-check worker could not check the file: ${message.failure}`)) : resolve(message),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the quick-check worker ended without a verdict (exit ${code})`)));
  });
  // The caller may never look at the report (the app closed before the check ended).
  report.catch(() => undefined);
  return {
    report,
    stop() {
      worker.unref();
      void worker.terminate();
    },
  };
}
