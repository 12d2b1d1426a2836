import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../src-shared/contract';
import { apiError, type ApiError, type ApiResult, type FieldProblem } from '../../src-shared/contract/errors';
import { AppError } from './app-error';
import type { Clock } from './clock';
import type { DB } from './db/schema';
import type { AppConfig, Handlers, OpContext } from './operation';
import { roleHas } from './permissions';
import { appendAudit, type AuditEntry } from './repos/audit-log';
import type { Session, SessionStore } from './sessions';

export interface Call {
  method: string;
  input: unknown;
  /** The caller's session token, from the transport (cookie or IPC window), never from the input. */
  token?: string | undefined;
}

export interface DispatchOutcome {
  result: ApiResult<unknown>;
  sessionChange?: { set: Session } | { clear: true };
}

export type Dispatch = (call: Call) => Promise<DispatchOutcome>;

export interface DispatcherDeps {
  db: Kysely<DB>;
  sessions: SessionStore;
  clock: Clock;
  config: AppConfig;
  handlers: Handlers;
  /** Where unexpected failures are reported (the operation still returns a plain INTERNAL error). */
  logError?: (message: string, error: unknown) => void;
  /** Closed while the database's quick check runs: whatever writes waits for it (absent: always open). */
  writeGate?: WriteGate;
}

/** Lets writes through once the database may be written to. */
export interface WriteGate {
  /** True once writing may go ahead without waiting. */
  isOpen(): boolean;
  /** Resolves when writing may go ahead (null), or with the error that refuses it for good. */
  wait(): Promise<ApiError | null>;
}

/**
 * Commands that answer while the quick check runs instead of waiting for it: signing in (issue 4). What
 * they write is held in the session store and written, in order, once the check has passed.
 */
const ANSWERED_WHILE_CHECKING: ReadonlySet<MethodName> = new Set<MethodName>(['auth.login']);

/** One call that passed the door's checks, on its way to the handler. */
interface RunCall {
  method: MethodName;
  kind: 'query' | 'command';
  input: unknown;
  session: Session | null;
  now: Date;
  /** Sign-in while the quick check runs: its writes are held instead of written (HeldSignInRecords). */
  holdsWrites: boolean;
}

function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    messageKey: issue.message.startsWith('validation.')
      ? issue.message
      : issue.code === 'invalid_type' && issue.input === undefined
        ? 'validation.required'
        : `validation.${issue.code}`,
  }));
}

/** Map storage failures that are not bugs to typed errors. */
function storageError(error: unknown): ApiError | null {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  if (code === 'SQLITE_FULL') return apiError('STORAGE_FULL');
  if (message.includes('read-only record')) return apiError('READ_ONLY', { reasonKey: 'reasons.signedRecord' });
  return null;
}

/**
 * The single door of every operation, for every transport: allow-list, session, permission, input
 * validation, then the handler inside one transaction together with its audit rows. Anything thrown
 * rolls the whole transaction back, so nothing half-written stays in the database.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const { db, sessions, clock, config, handlers, writeGate } = deps;
  const held = sessions.heldSignIns;

  let writable: Promise<ApiError | null> | null = null;
  /** The gate opened and the sign-in records held meanwhile written (null), or the refusal. */
  function whenWritable(gate: WriteGate): Promise<ApiError | null> {
    writable ??= gate.wait().then(async (refusal) => {
      if (refusal) {
        const dropped = held.dropAll();
        if (dropped > 0) deps.logError?.(`${dropped} sign-in records were not written: the database may not be written`, refusal);
        return refusal;
      }
      await held.writeAll((record) => db.transaction().execute(record).catch((error: unknown) => deps.logError?.('a held sign-in record could not be written', error)));
      return null;
    });
    return writable;
  }
  if (writeGate && !writeGate.isOpen()) {
    held.startHolding();
    // Written as soon as the check passes, whether or not anything else wants to write by then.
    void whenWritable(writeGate);
  }
  const isWritable = () => !writeGate || (writeGate.isOpen() && !held.isHolding());

  /** Null when writing may go ahead now or after a wait; otherwise the error that refuses it. */
  async function mayWrite(): Promise<ApiError | null> {
    return !writeGate || isWritable() ? null : whenWritable(writeGate);
  }

  /**
   * A record kept although the operation was refused (a denial's audit row, a wrong password's count).
   * If it cannot be written (a full disk, a damaged file), the caller still gets the refusal it was due;
   * the failure is logged rather than turned into another error.
   */
  async function recordAfterRefusal(work: (trx: Kysely<DB>) => Promise<void>, what: string): Promise<void> {
    try {
      const refusal = await mayWrite();
      if (refusal) throw new Error(`the database may not be written (${refusal.details?.reasonKey ?? refusal.code})`);
      await db.transaction().execute(work);
    } catch (error) {
      deps.logError?.(`${what} could not be recorded`, error);
    }
  }

  async function dispatch(call: Call): Promise<DispatchOutcome> {
    if (!isMethodName(call.method)) return { result: { ok: false, error: apiError('UNKNOWN_METHOD') } };
    const method: MethodName = call.method;
    const def = contract[method];
    let now = clock.now();

    let session: Session | null = null;
    if (def.access !== 'public') {
      const lookup = sessions.touch(call.token, now.getTime());
      if (lookup.state === 'none') return { result: { ok: false, error: apiError('NOT_SIGNED_IN') } };
      if (lookup.state === 'locked') return { result: { ok: false, error: apiError('SESSION_LOCKED') } };
      session = lookup.session;
    }

    // Permission before validation: a caller without the right learns nothing about the input's shape.
    if (def.access !== 'public' && def.access !== 'signedIn' && !roleHas(session!.role, def.access)) {
      const denial: AuditEntry = { at: now.toISOString(), userId: session!.userId, username: session!.username, method, outcome: 'denied', entity: null, entityId: null, before: null, after: { permission: def.access } };
      await recordAfterRefusal((trx) => appendAudit(trx, [denial]), `the denial of ${method}`);
      return { result: { ok: false, error: apiError('FORBIDDEN') } };
    }

    // reportInput: zod 4 leaves `issue.input` out otherwise, and a wrong type would read as a missing field.
    const parsed = (def.input as z.ZodType).safeParse(call.input ?? {}, { reportInput: true });
    if (!parsed.success) {
      return { result: { ok: false, error: apiError('INVALID_INPUT', { fields: fieldProblems(parsed.error) }) } };
    }

    // Sign-in answers at once while the check runs, its writes held (in the session store) until it passes.
    const holdsWrites = def.kind === 'command' && ANSWERED_WHILE_CHECKING.has(method) && held.isHolding();
    // Any other command held until the quick check passed is stamped when it runs: audit rows keep the order they are written in.
    if (def.kind === 'command' && !holdsWrites && !isWritable()) {
      const refusal = await mayWrite();
      if (refusal) return { result: { ok: false, error: refusal } };
      now = clock.now();
    }
    // The held records are written once every sign-in answering meanwhile has finished.
    const leave = holdsWrites ? held.enter() : null;
    try {
      return await run({ method, kind: def.kind, input: parsed.data, session, now, holdsWrites });
    } finally {
      leave?.();
    }
  }

  /** The handler in one transaction with its audit rows (held instead of written when `holdsWrites`). */
  async function run(call: RunCall): Promise<DispatchOutcome> {
    const { method, kind, input, now, holdsWrites } = call;
    let session = call.session;
    let sessionChange: DispatchOutcome['sessionChange'];
    const effects: Array<() => void> = [];
    try {
      const data = await db.transaction().execute(async (trx) => {
        const entries: AuditEntry[] = [];
        const ctx: OpContext = {
          db: trx,
          session,
          now,
          clock,
          config,
          sessions,
          audit: (entity, entityId, before, after) =>
            entries.push({ at: now.toISOString(), userId: session?.userId ?? null, username: session?.username ?? null, method, outcome: 'ok', entity, entityId: String(entityId), before, after }),
          afterCommit: (effect) => effects.push(effect),
          changeSession: (change) => {
            sessionChange = change;
            if ('set' in change) session = change.set;
          },
        };
        const handler = handlers[method] as (ctx: OpContext, input: unknown) => Promise<unknown>;
        const out = await handler(ctx, input);
        if (kind === 'command') {
          if (entries.length === 0) entries.push({ at: now.toISOString(), userId: session?.userId ?? null, username: session?.username ?? null, method, outcome: 'ok', entity: null, entityId: null, before: null, after: null });
          // Entries recorded before login bound the session carry no user: fill it in now.
          for (const e of entries) if (e.userId === null && session) Object.assign(e, { userId: session.userId, username: session.username });
          if (holdsWrites) held.hold((later) => appendAudit(later, entries));
          else await appendAudit(trx, entries);
        }
        return out;
      });
      for (const effect of effects) effect();
      return sessionChange ? { result: { ok: true, data: data ?? null }, sessionChange } : { result: { ok: true, data: data ?? null } };
    } catch (error) {
      if (error instanceof AppError) {
        if (error.afterRollback && holdsWrites) held.hold(error.afterRollback);
        else if (error.afterRollback) await recordAfterRefusal(error.afterRollback, `the refusal of ${method}`);
        return { result: { ok: false, error: error.apiError } };
      }
      const known = storageError(error);
      if (known) return { result: { ok: false, error: known } };
      deps.logError?.(`operation ${method} failed`, error);
      return { result: { ok: false, error: apiError('INTERNAL') } };
    }
  }

  return dispatch;
}
