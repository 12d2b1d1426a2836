import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_TODAY, openFuzzBranch, type FuzzBranch } from './fuzz-branch';

/**
 * What the API fuzz found, pinned as plain examples so they stay fixed whatever the fuzz's random
 * sequence happens to reach. Each was an INTERNAL error or an untranslatable refusal before its fix.
 */
let branch: FuzzBranch;
beforeAll(async () => {
  branch = await openFuzzBranch();
}, 60_000);
afterAll(async () => {
  await branch?.close();
});

async function as(username: string, method: Parameters<FuzzBranch['call']>[0], input: unknown) {
  return branch.call(method, input, username, await branch.tokenOf(username));
}

describe('found by the API fuzz', () => {
  it('a day that does not exist (2026-02-30) is INVALID_INPUT, not INTERNAL', async () => {
    for (const date of ['2026-02-30', '2026-04-31', '2025-02-29']) {
      expect(await as('tech1', 'reports.addAdminTask', { date, kind: 'training', minutes: 30 }), date).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT', details: { fields: [{ path: 'date', messageKey: 'validation.date' }] } },
      });
    }
    expect((await as('tech1', 'reports.addAdminTask', { date: '2024-02-29', kind: 'training', minutes: 30 })).ok).toBe(true);
  });

  it('the voucher of a product that does not exist is NOT_FOUND with a translated reason', async () => {
    expect(await as('clerk', 'print.form', { form: 'voucher', productId: 2 ** 31 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND', details: { reasonKey: 'entities.product' } },
    });
  });

  it('more than 24 hours of one category in a day is refused when entered, so the manager can always sign', async () => {
    const date = FUZZ_TODAY;
    expect((await as('tech2', 'reports.addAdminTask', { date, kind: 'training', minutes: 1000 })).ok).toBe(true);
    expect(await as('tech2', 'reports.addAdminTask', { date, kind: 'toolUpkeep', minutes: 441 })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'errors.CONFLICT', details: { reasonKey: 'reasons.dayOver24Hours' } },
    });
    expect((await as('tech2', 'reports.addAdminTask', { date, kind: 'toolUpkeep', minutes: 440 })).ok).toBe(true);
    expect((await as('tech2', 'reports.confirmTechnicianDay', { date })).ok).toBe(true);
  });
});
