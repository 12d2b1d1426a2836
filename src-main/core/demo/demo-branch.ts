import type { Dispatch } from '../dispatch';
import { seedDemoCalls } from './demo-calls';
import type { Role } from '../../../src-shared/contract/roles';

/** The people of the demo branch and the passwords printed when it starts. */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role; password: string }> = Object.freeze([
  { username: 'admin', displayName: '系统管理员', role: 'admin', password: 'demo-admin' },
  { username: 'clerk', displayName: '李秀英', role: 'clerk', password: 'demo-clerk' },
  { username: 'supervisor', displayName: '王建国', role: 'supervisor', password: 'demo-supervisor' },
  { username: 'manager', displayName: '赵立新', role: 'manager', password: 'demo-manager' },
  { username: 'tech1', displayName: '张伟', role: 'technician', password: 'demo-tech1' },
  { username: 'tech2', displayName: '刘洋', role: 'technician', password: 'demo-tech2' },
  { username: 'tech3', displayName: '陈磊', role: 'technician', password: 'demo-tech3' },
]);

export const DEMO_BRANCH = Object.freeze({ code: 'BJ01', name: '北京海淀服务站', address: '北京市海淀区中关村大街27号', phone: '010-62551234' });

async function must(dispatch: Dispatch, method: string, input: unknown, token?: string) {
  const { result, sessionChange } = await dispatch({ method, input, token });
  if (!result.ok) throw new Error(`demo seed: ${method} failed: ${result.error.code} ${JSON.stringify(result.error.details ?? {})}`);
  return { data: result.data, token: sessionChange && 'set' in sessionChange ? sessionChange.set.token : token };
}

/**
 * Fill an empty database with the demo branch, through the same operations the UI uses, so the demo
 * shows exactly what a real branch would hold.
 */
export async function seedDemoBranch(dispatch: Dispatch, now: Date): Promise<void> {
  const [admin, ...others] = DEMO_USERS;
  await must(dispatch, 'setup.createBranch', {
    branch: DEMO_BRANCH,
    admin: { username: admin!.username, displayName: admin!.displayName, password: admin!.password },
  });
  const { token } = await must(dispatch, 'auth.login', { username: admin!.username, password: admin!.password });
  const created = await Promise.all(
    others.map((u) => must(dispatch, 'users.create', { username: u.username, displayName: u.displayName, role: u.role, password: u.password }, token)),
  );
  await must(dispatch, 'auth.logout', {}, token);

  const idOf = (username: string) => (created[others.findIndex((u) => u.username === username)]!.data as { id: number }).id;
  const signIn = async (username: 'clerk' | 'supervisor' | 'tech1' | 'tech2') => {
    const user = DEMO_USERS.find((u) => u.username === username)!;
    return (await must(dispatch, 'auth.login', { username, password: user.password })).token!;
  };
  const tokens = { clerk: await signIn('clerk'), supervisor: await signIn('supervisor'), tech1: await signIn('tech1'), tech2: await signIn('tech2') };
  await seedDemoCalls(dispatch, now, tokens, { tech1: idOf('tech1'), tech2: idOf('tech2') });
  for (const t of Object.values(tokens)) await must(dispatch, 'auth.logout', {}, t);
}
