import type { Kysely } from 'kysely';
import type { MethodName, OutputOf, ParsedInputOf } from '../../src-shared/contract';
import type { Clock } from './clock';
import type { BackupKeeper } from './db/backup-keeper';
import type { DB } from './db/schema';
import type { ScryptCost } from './password';
import type { Session, SessionStore } from './sessions';

/** Settings of one running branch app that operations may need. */
export interface AppConfig {
  /** scrypt cost for new password hashes (OWASP minimum in production; tests may lower it). */
  passwordCost: ScryptCost;
  /** Wake the head-office pusher ('send now'); a no-op where no pusher runs (tests, tools). */
  sendReportsNow: () => void;
  /** The branch's backups: list, back up now, restore (src-main/core/db/backup-keeper.ts). */
  backups: BackupKeeper;
}

/**
 * What an operation gets from the dispatcher: the open transaction (never the outer handle), the
 * caller's session, the instant the operation runs at, and a way to record what it changed.
 */
export interface OpContext {
  readonly db: Kysely<DB>;
  readonly session: Session | null;
  readonly now: Date;
  readonly clock: Clock;
  readonly config: AppConfig;
  readonly sessions: SessionStore;
  /** Record a change for the audit log (written in the same transaction). */
  audit(entity: string, entityId: string | number, before: unknown, after: unknown): void;
  /** Run after the transaction commits (never inside it): e.g. wake the pusher for reports just queued. */
  afterCommit(effect: () => void): void;
  /** Ask the transport to bind a new session to this caller (login) or drop it (logout). */
  changeSession(change: { set: Session } | { clear: true }): void;
}

export type Handler<M extends MethodName> = (ctx: OpContext, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };

/** The session of a signed-in caller; the dispatcher guarantees one for every non-public method. */
export function signedIn(ctx: OpContext): Session {
  if (!ctx.session) throw new Error('signedIn() called from a public operation');
  return ctx.session;
}
