import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src-shared/contract/roles';
import type { DB } from './db/schema';

export interface Session {
  token: string;
  userId: number;
  username: string;
  role: Role;
  lastSeenAt: number;
}

/** Sessions lock after this long without a request; the user signs in again. */
export const DEFAULT_IDLE_LOCK_MS = 15 * 60 * 1000;

export type SessionLookup = { state: 'none' } | { state: 'locked' } | { state: 'active'; session: Session };

/**
 * Signed-in sessions, kept in the main process's memory only: a restart signs everyone out, and a token
 * is never written to disk or sent to the renderer's JavaScript (HTTP carries it in an HttpOnly cookie,
 * IPC keeps it per window).
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  /** What sign-ins wrote while the database could not be written yet (see HeldSignInRecords). */
  readonly heldSignIns = new HeldSignInRecords();
  constructor(readonly idleLockMs: number = DEFAULT_IDLE_LOCK_MS) {}

  create(user: { id: number; username: string; role: Role }, nowMs: number): Session {
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      userId: user.id,
      username: user.username,
      role: user.role,
      lastSeenAt: nowMs,
    };
    this.#sessions.set(session.token, session);
    return session;
  }

  /** Look a token up and mark it used; an idle session is dropped and reported as locked. */
  touch(token: string | undefined, nowMs: number): SessionLookup {
    if (!token) return { state: 'none' };
    const session = this.#sessions.get(token);
    if (!session) return { state: 'none' };
    if (nowMs - session.lastSeenAt > this.idleLockMs) {
      this.#sessions.delete(token);
      return { state: 'locked' };
    }
    session.lastSeenAt = nowMs;
    return { state: 'active', session };
  }

  end(token: string): void {
    this.#sessions.delete(token);
  }

  /** Sign a user out everywhere (deactivated, role changed). */
  endAllFor(userId: number): void {
    for (const [token, session] of this.#sessions) if (session.userId === userId) this.#sessions.delete(token);
  }
}

/** A row sign-in writes (its audit row, a failed-attempt count), as work in a write transaction. */
export type SignInRecord = (db: Kysely<DB>) => Promise<void>;

/** A user's wrong passwords since the last good one, as the users table has (or will have) them. */
export interface FailedAttempts {
  failedLogins: number;
  lastFailedAt: string | null;
}

/**
 * Sign-in while a large file's quick check runs (issue 4): the check can take minutes on a busy PC and
 * nothing may be written until it passes, yet the clerk must be able to sign in and read at once. So a
 * sign-in answers, and what it would have written waits here, in order; the failed-attempt counts those
 * records will write are kept in memory meanwhile, so throttling holds. Once the check passes the
 * dispatcher writes them, each in its own transaction, before any held command runs (the audit rows
 * keep their order and chain). If the check finds damage they are dropped, as every write is refused
 * then: the sessions made meanwhile still work for reading. Closing the app waits for the check's
 * verdict when records are held (branch-app.ts), so a quick quit loses none.
 */
export class HeldSignInRecords {
  #state: 'writing' | 'holding' | 'dropped' = 'writing';
  readonly #records: SignInRecord[] = [];
  readonly #attempts = new Map<number, FailedAttempts>();
  /** Sign-ins answering in holding mode: the records are written once they have all finished. */
  #answering = 0;
  #wake: (() => void) | null = null;
  #settled: Promise<void> = Promise.resolve();
  #settle: () => void = () => undefined;

  /** True while sign-in answers without writing (from startHolding until writeAll has finished). */
  isHolding(): boolean {
    return this.#state === 'holding';
  }

  /** The database may not be written yet: sign-in's records wait here from now on. */
  startHolding(): void {
    if (this.#state !== 'writing') return;
    this.#state = 'holding';
    this.#settled = new Promise((resolve) => (this.#settle = resolve));
  }

  /** A sign-in answering without writing starts; call the function returned when it has finished. */
  enter(): () => void {
    this.#answering++;
    return () => {
      this.#answering--;
      this.#wake?.();
    };
  }

  /** Keep a record to write once the check passes (forgotten if writes are refused for good). */
  hold(record: SignInRecord): void {
    if (this.#state === 'holding') this.#records.push(record);
  }

  /** Write `record` now when writing is allowed, else hold it. */
  async writeOrHold(db: Kysely<DB>, record: SignInRecord): Promise<void> {
    if (this.#state === 'writing') await record(db);
    else this.hold(record);
  }

  /** The user's failed attempts, counting the ones held here that the users row does not show yet. */
  attemptsOf(userId: number, stored: FailedAttempts): FailedAttempts {
    return this.#attempts.get(userId) ?? stored;
  }

  /** What the users row will say once the held records are written (kept only while they are held). */
  noteAttempts(userId: number, attempts: FailedAttempts): void {
    if (this.#state !== 'writing') this.#attempts.set(userId, attempts);
  }

  /**
   * The check passed: write the held records in order through `write`, including those of sign-ins
   * still answering, then let sign-in write directly again. `write` reports its own failures.
   */
  async writeAll(write: (record: SignInRecord) => Promise<void>): Promise<void> {
    for (;;) {
      const record = this.#records.shift();
      if (record) {
        await write(record);
        continue;
      }
      if (this.#answering === 0) break;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
    this.#state = 'writing';
    this.#attempts.clear();
    this.#settle();
  }

  /** Nothing will be written (damage found, app closing): forget the records; returns how many there were. */
  dropAll(): number {
    const dropped = this.#records.length;
    this.#records.length = 0;
    if (this.#state === 'holding') this.#state = 'dropped';
    this.#settle();
    return dropped;
  }

  /** Records are held (or a sign-in that may hold some is answering). */
  hasRecords(): boolean {
    return this.#state === 'holding' && (this.#records.length > 0 || this.#answering > 0);
  }

  /** Resolves once the held records are written or dropped (at once when nothing was ever held). */
  whenSettled(): Promise<void> {
    return this.#settled;
  }
}
