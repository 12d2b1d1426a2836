import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DATABASE_FILE_NAME, openBranchApp } from '../../../src-main/core/branch-app';
import { BACKGROUND_CHECK_MIN_BYTES } from '../../../src-main/core/db/integrity';
import { quickCheckInBackground, type BackgroundQuickCheck } from '../../../src-main/core/db/integrity-worker';
import { CHEAP_SCRYPT, TEST_BRANCH, TEST_USERS } from '../../helpers/branch';

/**
 * A set-up branch grown past the size that is checked in the background: real app tables, plus an
 * indexed table of filler rows so that the middle of the file is b-tree pages the check walks.
 */
export async function largeBranch(dataDir: string): Promise<{ dataDir: string; file: string }> {
  const app = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT });
  const setUp = await app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin: TEST_USERS.admin } });
  expect(setUp.result.ok).toBe(true);
  app.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE INDEX filler_body ON filler(body)');
  const insert = app.sqlite.prepare('INSERT INTO filler (body) VALUES (?)');
  app.sqlite.transaction(() => {
    for (let i = 0; i < 90_000; i++) insert.run(`${String(i * 7919).padStart(12, '0')} 售后通 filler row ${'x'.repeat(90)} ${i}`);
  })();
  app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  expect(statSync(file).size).toBeGreaterThan(BACKGROUND_CHECK_MIN_BYTES);
  expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0).toBe(false);
  return { dataDir, file };
}

/** Garbage over three pages in the middle of the file. */
export function damageMiddle(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

/**
 * The real background quick check, its verdict held back until `release()`: the test acts while the
 * check is still running, however fast the machine checks the file.
 */
export function heldCheck(): { startCheck: (file: string, nativeBinding?: string) => BackgroundQuickCheck; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const startCheck = (file: string, nativeBinding?: string): BackgroundQuickCheck => {
    const check = quickCheckInBackground(file, nativeBinding);
    const report = check.report.then(async (verdict) => {
      await released;
      return verdict;
    });
    report.catch(() => undefined);
    return { report, stop: check.stop };
  };
  return { startCheck, release };
}

/** The promise's value if it settles within `ms`, else a failure naming what did not answer. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
