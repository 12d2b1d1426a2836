import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../../src-shared/contract';
import { fuzzInput } from './arbitraries';
import { openFuzzBranch, type FuzzBranch } from './fuzz-branch';
import { describeInput, problemsOf } from './result-checks';
import { StoreGuard } from './store-guard';
import { seedFor } from './valid-seeds';

/**
 * Issue 7, bad input: every operation of the contract gets 1,000 random inputs through the real
 * dispatcher, as a role allowed to call it, on the demo branch. Each answer is a success or a typed,
 * translated refusal (never INTERNAL), and a refusal leaves every table as it was.
 */
const RUNS_PER_METHOD = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = 20261123;
const METHODS = Object.keys(contract) as MethodName[];

let branch: FuzzBranch;
let guard: StoreGuard;
const tally = new Map<MethodName, Map<string, number>>();
let dispatchMs = 0;

beforeAll(async () => {
  branch = await openFuzzBranch();
  guard = new StoreGuard(branch.app.sqlite);
}, 60_000);

afterAll(async () => {
  const lines = [...tally].map(([method, counts]) => `${method.padEnd(30)} ${[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`api fuzz: ${RUNS_PER_METHOD} inputs per method, ${tally.size} methods, ${guard?.hashedRefusals} refusals compared by full content hash, ${Math.round(guard?.hashMs ?? 0)} ms hashing, ${Math.round(dispatchMs)} ms in dispatch\n${lines.join('\n')}`);
  await branch?.close();
});

/** One call with every check; returns the outcome's label ('ok' or the error code) or throws. */
async function callAndCheck(method: MethodName, input: unknown, caller: string | null): Promise<string> {
  const isLogin = method === 'auth.login';
  const token = await branch.tokenOf(caller);
  const timed = async () => {
    const started = performance.now();
    const result = await branch.call(method, input, caller, token);
    dispatchMs += performance.now() - started;
    return result;
  };
  const { result, verdict } = await guard.around(timed, (r) => !r.ok, { ignoreLoginCounters: isLogin });
  if (method === 'backups.restore' && result.ok) guard.invalidate(branch.app.sqlite);
  const problems = problemsOf(result);
  if (verdict?.changed) problems.push('a refused call changed the store');
  if (verdict?.audit.some((row) => row.outcome !== 'denied' || row.method !== method)) problems.push(`a refused call wrote audit rows ${JSON.stringify(verdict.audit)}`);
  if (branch.logged.length > 0) problems.push(`logged: ${branch.logged.splice(0).map((e) => (e instanceof Error ? (e.stack ?? e.message) : JSON.stringify(e))).join('\n')}`);
  if (problems.length > 0) throw new Error(`${method} as ${caller ?? 'nobody'} with ${describeInput(input)}: ${problems.join('; ')} (${JSON.stringify(result).slice(0, 300)})`);
  return result.ok ? 'ok' : result.error.code;
}

describe('the store guard itself', () => {
  const refused = { ok: false } as const;
  const isRefusal = (r: { ok: boolean }) => !r.ok;

  it('sees a write a refusal left behind, and not one that was rolled back', async () => {
    const sqlite = branch.app.sqlite;
    const leaked = await guard.around(async () => {
      sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('fuzz.leak', '1', '2026-11-23T01:00:00.000Z')").run();
      return refused;
    }, isRefusal);
    expect(leaked.verdict?.changed).toBe(true);
    const afterRollback = await guard.around(async () => {
      try {
        sqlite.transaction(() => {
          sqlite.prepare("UPDATE settings SET value_json = '2' WHERE key = 'fuzz.leak'").run();
          throw new Error('refused');
        })();
      } catch {
        // A refused operation: its transaction rolled back.
      }
      return refused;
    }, isRefusal);
    expect(afterRollback.verdict?.changed).toBe(false);
    const counted = await guard.around(async () => {
      sqlite.prepare("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = 'fuzzlogin'").run();
      return refused;
    }, isRefusal, { ignoreLoginCounters: true });
    expect(counted.verdict?.changed).toBe(false);
    const countedElsewhere = await guard.around(async () => {
      sqlite.prepare("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = 'fuzzlogin'").run();
      return refused;
    }, isRefusal);
    expect(countedElsewhere.verdict?.changed).toBe(true);
    sqlite.prepare("UPDATE users SET failed_logins = 0 WHERE username = 'fuzzlogin'").run();
    sqlite.prepare("DELETE FROM settings WHERE key = 'fuzz.leak'").run();
  });
});

describe('every API operation under 1,000 random inputs', () => {
  it.each(METHODS)('%s', async (method) => {
    const callers = branch.callersOf(method);
    const caller = callers.length === 0 ? fc.constant(null) : fc.constantFrom(...callers);
    // Real ids as they are now: earlier methods' successes added records, and a restore may have removed some.
    const seed = seedFor(await branch.currentIds(), method);
    const counts = new Map<string, number>();
    tally.set(method, counts);
    await fc.assert(
      fc.asyncProperty(fuzzInput(seed), caller, async (input, who) => {
        const label = await callAndCheck(method, input, who);
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }),
      { numRuns: RUNS_PER_METHOD, seed: SEED, endOnFailure: true },
    );
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(RUNS_PER_METHOD);
    // Nothing reached Object.prototype through a `__proto__` key.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  }, 120_000);
});
