import { randomBytes } from 'node:crypto';
import type { Role } from '../../src-shared/contract/roles';

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
