import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../../src-shared/contract';
import { ROLES, type Role } from '../../../src-shared/contract/roles';
import { ROLE_PERMISSIONS } from '../../../src-main/core/permissions';
import { BranchFixture, type Who } from '../core-flow/branch-fixture';

/**
 * Every operation called as every role, straight at the dispatcher (no UI): refused with FORBIDDEN
 * exactly when the role matrix says so; each refusal is audited and changes nothing else.
 */
const PERSON_OF_ROLE: Record<Role, Who> = { admin: 'admin', clerk: 'clerk', supervisor: 'super', manager: 'boss', technician: 'zhang' };

function tableFingerprint(branch: BranchFixture): Record<string, number> {
  const tables = branch.app.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%' AND name <> 'audit_log'").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, (branch.app.sqlite.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
}

let branch: BranchFixture;
beforeAll(async () => {
  branch = await BranchFixture.open();
});
afterAll(async () => {
  await branch.close();
});

const methods = Object.keys(contract) as MethodName[];

describe('the role matrix, enforced in the main process', () => {
  it.each(ROLES)('as %s: allowed iff the matrix says so; each refusal audited, nothing else written', async (role) => {
    let refused = 0;
    for (const method of methods) {
      const access = contract[method].access;
      if (access === 'public' || method === 'auth.logout') continue;
      const allowed = access === 'signedIn' || (ROLE_PERMISSIONS[role] as readonly string[]).includes(access);
      const auditBefore = (branch.app.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      const tablesBefore = tableFingerprint(branch);
      // An empty input: allowed methods answer INVALID_INPUT or data; refused ones must say FORBIDDEN first.
      const result = await branch.as(PERSON_OF_ROLE[role]).call(method, {} as never);
      const code = result.ok ? 'ok' : result.error.code;
      if (allowed) {
        expect(code, `${role} ${method}`).not.toBe('FORBIDDEN');
        continue;
      }
      refused++;
      expect(code, `${role} ${method}`).toBe('FORBIDDEN');
      const denial = branch.app.sqlite.prepare('SELECT method, outcome, username FROM audit_log WHERE id > ?').all(auditBefore);
      expect(denial, `${role} ${method}`).toEqual([{ method, outcome: 'denied', username: PERSON_OF_ROLE[role] }]);
      expect(tableFingerprint(branch), `${role} ${method}`).toEqual(tablesBefore);
    }
    console.log(`${role}: ${methods.length} methods called, ${refused} refused as the matrix says`);
    expect(refused).toBeGreaterThan(0);
  });

  it('a branch manager staffs the branch but cannot make an administrator', async () => {
    const before = tableFingerprint(branch);
    const admin = await branch.as('boss').call('users.create', { username: 'newadmin', displayName: '新管理员', role: 'admin', password: 'new-admin-password' });
    expect(admin.ok || admin.error).toMatchObject({ code: 'FORBIDDEN', details: { reasonKey: 'reasons.onlyAdminCreatesAdmin' } });
    expect(tableFingerprint(branch)).toEqual(before);
    const technician = await branch.as('boss').call('users.create', { username: 'newtech', displayName: '新技术员', role: 'technician', password: 'new-tech-password' });
    expect(technician.ok).toBe(true);
    const byAdmin = await branch.as('admin').call('users.create', { username: 'secondadmin', displayName: '第二管理员', role: 'admin', password: 'second-admin-password' });
    expect(byAdmin.ok).toBe(true);
  });

  it('a clerk cannot sign off a repair card, even with a valid request', async () => {
    const result = await branch.as('clerk').call('repairCards.signOff', { cardId: 1 });
    expect(result.ok || result.error.code).toBe('FORBIDDEN');
  });
});
