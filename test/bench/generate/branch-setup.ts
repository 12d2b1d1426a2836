import type { Role } from '../../../src-shared/contract/roles';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import type { Dispatch } from '../../../src-main/core/dispatch';
import type { ScryptCost } from '../../../src-main/core/password';
import type { Staff, StaffMember } from './call-story';
import { personName } from './people';
import { Random } from './random';
import { BENCH_START, type Scale } from './scale';

/** A cheap scrypt cost: the benchmark signs in dozens of times and measures nothing about hashing. */
export const BENCH_PASSWORD_COST: ScryptCost = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
export { BENCH_PASSWORD } from './bench-credentials';
import { BENCH_PASSWORD } from './bench-credentials';
export const BENCH_BRANCH = Object.freeze({ code: 'BJ01', name: '北京海淀服务站', address: '北京市海淀区中关村大街27号', phone: '010-62551234' });

export interface BenchUser extends StaffMember {
  role: Role;
}

async function must(dispatch: Dispatch, method: string, input: unknown, token?: string) {
  const { result, sessionChange } = await dispatch({ method, input, token });
  if (!result.ok) throw new Error(`bench setup: ${method} failed: ${JSON.stringify(result.error)}`);
  return { data: result.data as { id: number }, token: sessionChange && 'set' in sessionChange ? sessionChange.set.token : undefined };
}

/**
 * The branch, its schema (the product's own migrations, run by openBranchApp) and its people, made
 * through the real operations on the day the branch went live. Everything after is bulk-loaded.
 */
export async function setUpBranch(dataDir: string, scale: Scale, seed: number): Promise<{ users: BenchUser[]; staff: Staff }> {
  const app = await openBranchApp({ dataDir, clock: fixedClock(BENCH_START), passwordCost: BENCH_PASSWORD_COST });
  try {
    await must(app.dispatch, 'setup.createBranch', { branch: BENCH_BRANCH, admin: { username: 'admin', displayName: '系统管理员', password: BENCH_PASSWORD } });
    const { token } = await must(app.dispatch, 'auth.login', { username: 'admin', password: BENCH_PASSWORD });
    const rng = Random.for(seed, 97, 0);
    const wanted: Array<{ username: string; role: Role }> = [
      { username: 'manager', role: 'manager' },
      ...Array.from({ length: scale.supervisors }, (_, i) => ({ username: `supervisor${i + 1}`, role: 'supervisor' as const })),
      ...Array.from({ length: scale.clerks }, (_, i) => ({ username: `clerk${i + 1}`, role: 'clerk' as const })),
      ...Array.from({ length: scale.technicians }, (_, i) => ({ username: `tech${String(i + 1).padStart(3, '0')}`, role: 'technician' as const })),
    ];
    const users: BenchUser[] = [];
    for (const w of wanted) {
      const name = personName(rng);
      const { data } = await must(app.dispatch, 'users.create', { username: w.username, displayName: name, role: w.role, password: BENCH_PASSWORD }, token);
      users.push({ id: data.id, username: w.username, name, role: w.role });
    }
    await must(app.dispatch, 'auth.logout', {}, token);
    const of = (role: Role) => users.filter((u) => u.role === role);
    return { users, staff: { clerks: of('clerk'), supervisors: of('supervisor'), technicians: of('technician') } };
  } finally {
    await app.close();
  }
}
