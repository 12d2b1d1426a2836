// A branch at work, to be killed: it runs real operations through the dispatcher in a loop and prints
// `ACK <kind> <id>` for each only after its commit returned. The parent kills it with SIGKILL at a
// random moment and checks that every acknowledged record survived, whole.
import { openBranchApp } from '../../../src-main/core/branch-app';
import { systemClock } from '../../../src-main/core/clock';
import type { Dispatch } from '../../../src-main/core/dispatch';

const dataDir = process.argv[2]!;
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PEOPLE = [
  { username: 'clerk', role: 'clerk' },
  { username: 'super', role: 'supervisor' },
  { username: 'zhang', role: 'technician' },
] as const;

async function must<T>(dispatch: Dispatch, method: string, input: unknown, token?: string): Promise<{ data: T; token?: string }> {
  const { result, sessionChange } = await dispatch({ method, input, token });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return { data: result.data as T, ...(sessionChange && 'set' in sessionChange ? { token: sessionChange.set.token } : {}) };
}

const app = await openBranchApp({ dataDir, clock: systemClock, passwordCost: CHEAP, idleLockMs: 86_400_000 });
const { dispatch } = app;
const status = await must<{ isSetUp: boolean }>(dispatch, 'setup.status', {});
if (!status.data.isSetUp) {
  await must(dispatch, 'setup.createBranch', { branch: { code: 'BJ01', name: '北京海淀服务站', address: '北京市海淀区', phone: '010-62551234' }, admin: { username: 'admin', displayName: '管理员', password: 'admin-password' } });
  const admin = (await must(dispatch, 'auth.login', { username: 'admin', password: 'admin-password' })).token;
  for (const p of PEOPLE) await must(dispatch, 'users.create', { username: p.username, displayName: p.username, role: p.role, password: `${p.username}-password` }, admin);
}
const token: Record<string, string> = {};
for (const p of PEOPLE) token[p.username] = (await must(dispatch, 'auth.login', { username: p.username, password: `${p.username}-password` })).token!;
const zhang = (await must<{ user: { id: number } }>(dispatch, 'auth.me', {}, token.zhang)).data.user.id;

console.log('READY');
for (let i = 0; ; i++) {
  const requestId = `crash-${process.pid}-${i}`;
  const call = (await must<{ id: number; number: string }>(dispatch, 'calls.register', {
    clientRequestId: requestId,
    customer: { new: { name: '王小明', phones: [`138${String(process.pid % 10000).padStart(4, '0')}${String(i % 10000).padStart(4, '0')}`], address: '北京市海淀区学院路35号', district: 'city' } },
    product: { new: { model: 'KFR-35GW', serial: `SN${process.pid}-${i}`, purchaseDate: '2026-03-01', warrantyMonths: 12, exclusions: [] } },
    fault: '不制冷',
  }, token.clerk)).data;
  console.log(`ACK call ${call.number}`);
  await must(dispatch, 'calls.dispatch', { callId: call.id, technicianId: zhang }, token.super);
  await must(dispatch, 'calls.arrive', { callId: call.id }, token.zhang);
  const taken = (await must<{ receiptNumber: string; repairCardId: number }>(dispatch, 'calls.takeIn', { callId: call.id, condition: '正常', accessories: '无', promisedDate: '2099-12-31', signature: { signerName: '王小明' } }, token.zhang)).data;
  console.log(`ACK receipt ${taken.receiptNumber}`);
  const now = Date.now();
  await must(dispatch, 'repairCards.addLabour', { cardId: taken.repairCardId, startedAt: new Date(now - 3_600_000).toISOString(), endedAt: new Date(now - 60_000).toISOString(), note: '' }, token.zhang);
  await must(dispatch, 'repairCards.signOff', { cardId: taken.repairCardId }, token.super);
  console.log(`ACK signoff ${taken.repairCardId}`);
}
