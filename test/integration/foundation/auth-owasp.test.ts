import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { OWASP_SCRYPT } from '../../../src-main/core/password';
import { makeTempDir, openSeededBranch, TEST_BRANCH, TEST_START, TEST_USERS } from '../../helpers/branch';

/**
 * The production password cost, on purpose: slow (about a tenth of a second per hash here), so only this
 * file uses it.
 */
let app: BranchApp;
let adminHash: string;
beforeAll(async () => {
  // A cheap-cost branch in the same process first: what it caches must not weaken the real one.
  const cheap = await openSeededBranch();
  await cheap.fail('auth.login', { username: 'nobody', password: 'whatever-1' });
  await cheap.close();

  app = await openBranchApp({ dataDir: makeTempDir(), clock: fixedClock(TEST_START) });
  const { result } = await app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin: TEST_USERS.admin } });
  expect(result.ok).toBe(true);
  adminHash = (app.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'admin'").get() as { password_hash: string }).password_hash;
});
afterAll(async () => {
  await app.close();
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeLogin(username: string): Promise<number> {
  const start = performance.now();
  const { result } = await app.dispatch({ method: 'auth.login', input: { username, password: 'definitely-wrong' } });
  const ms = performance.now() - start;
  expect(result).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS', messageKey: 'errors.BAD_CREDENTIALS' } });
  return ms;
}

describe('the production scrypt cost', () => {
  it('is OWASP’s: N=2^17, r=8, p=1, frozen', () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(Object.isFrozen(OWASP_SCRYPT)).toBe(true);
  });

  it('is what a branch app uses when no cost is given', () => {
    expect(adminHash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  });
});

describe('an unknown user name', () => {
  it('takes about as long as a wrong password (medians within a factor of 2)', async () => {
    await timeLogin('nobody'); // the first unknown user also builds the stand-in hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timeLogin('admin'));
      unknown.push(await timeLogin(`nobody${i}`));
    }
    const ratio = median(unknown) / median(known);
    expect(median(known)).toBeGreaterThan(20);
    expect(ratio, `unknown ${unknown.map(Math.round)} ms, known ${known.map(Math.round)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
