import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, MethodName, OutputOf } from '../../../src-shared/contract';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { Role } from '../../../src-shared/contract/roles';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';

/** Cheap scrypt for tests that are not about passwords. */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export const PEOPLE: ReadonlyArray<{ username: string; role: Role; name: string }> = [
  { username: 'clerk', role: 'clerk', name: '李秀英' },
  { username: 'super', role: 'supervisor', name: '王建国' },
  { username: 'boss', role: 'manager', name: '赵立新' },
  { username: 'zhang', role: 'technician', name: '张伟' },
  { username: 'liu', role: 'technician', name: '刘洋' },
];

export type Who = 'admin' | 'clerk' | 'super' | 'boss' | 'zhang' | 'liu';

/**
 * A real branch on a real SQLite file in a temp folder, with a clock the test moves, and one signed-in
 * session per person. `as(who).call(method, input)` goes through the same dispatcher the UI uses.
 */
export class BranchFixture {
  private constructor(
    readonly app: BranchApp,
    readonly clock: ReturnType<typeof fixedClock>,
    readonly dataDir: string,
    private readonly tokens: Map<Who, string>,
    readonly ids: Map<Who, number>,
  ) {}

  /** Monday 2026-11-23 09:00 in Shanghai unless told otherwise. */
  static async open(start = '2026-11-23T01:00:00.000Z'): Promise<BranchFixture> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-test-'));
    const clock = fixedClock(new Date(start));
    // Tests move the clock by days; idle locking has its own tests.
    const app = await openBranchApp({ dataDir, clock, passwordCost: TEST_PASSWORD_COST, idleLockMs: 365 * 86_400_000 });
    const tokens = new Map<Who, string>();
    const ids = new Map<Who, number>();
    const setup = await app.dispatch({
      method: 'setup.createBranch',
      input: { branch: { code: 'BJ01', name: '北京海淀服务站', address: '北京市海淀区中关村大街27号', phone: '010-62551234' }, admin: { username: 'admin', displayName: '管理员', password: 'admin-password' } },
    });
    if (!setup.result.ok) throw new Error(JSON.stringify(setup.result.error));
    const fixture = new BranchFixture(app, clock, dataDir, tokens, ids);
    await fixture.signIn('admin', 'admin-password');
    for (const p of PEOPLE) {
      const user = await fixture.as('admin').ok('users.create', { username: p.username, displayName: p.name, role: p.role, password: `${p.username}-password` });
      ids.set(p.username as Who, user.id);
      await fixture.signIn(p.username as Who, `${p.username}-password`);
    }
    return fixture;
  }

  private async signIn(who: Who, password: string): Promise<void> {
    const outcome = await this.app.dispatch({ method: 'auth.login', input: { username: who, password } });
    if (!outcome.result.ok || !outcome.sessionChange || !('set' in outcome.sessionChange)) throw new Error(`sign-in ${who} failed`);
    this.tokens.set(who, outcome.sessionChange.set.token);
    if (!this.ids.has(who)) this.ids.set(who, outcome.sessionChange.set.userId);
  }

  id(who: Who): number {
    return this.ids.get(who)!;
  }

  as(who: Who) {
    const token = this.tokens.get(who);
    const app = this.app;
    return {
      /** The raw result, for tests about refusals. */
      async call<M extends MethodName>(method: M, input: InputOf<M>) {
        return (await app.dispatch({ method, input, token })).result as { ok: true; data: OutputOf<M> } | { ok: false; error: ApiError };
      },
      /** The data, or a thrown error naming what was refused. */
      async ok<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
        const result = (await app.dispatch({ method, input, token })).result;
        if (!result.ok) throw new Error(`${who} ${method} refused: ${JSON.stringify(result.error)}`);
        return result.data as OutputOf<M>;
      },
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let requestCounter = 0;
export const requestId = () => `req-${process.pid}-${++requestCounter}-${Date.now()}`;

export const newCustomer = (over: Partial<{ name: string; phones: string[]; address: string; district: 'city' | 'suburb' }> = {}) => ({
  name: over.name ?? '王小明',
  phones: over.phones ?? ['13812345678'],
  address: over.address ?? '北京市海淀区学院路35号',
  district: over.district ?? ('city' as const),
});

export const newProduct = (over: Partial<{ model: string; serial: string; purchaseDate: string | null; warrantyMonths: number; exclusions: Array<'misuse' | 'forceMajeure' | 'selfModified' | 'serialUnreadable'>; contract: { number: string; start: string; end: string } | null }> = {}) => ({
  model: over.model ?? 'KF-35GW 空调',
  serial: over.serial ?? 'SN2026A0001',
  purchaseDate: over.purchaseDate === undefined ? '2026-03-01' : over.purchaseDate,
  warrantyMonths: over.warrantyMonths ?? 12,
  exclusions: over.exclusions ?? [],
  contract: over.contract ?? null,
});

export const SIGNED = { signerName: '王小明', imagePng: 'data:image/png;base64,iVBORw0KGgo=' };
