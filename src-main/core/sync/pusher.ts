import type { Kysely } from 'kysely';
import type { SyncErrorInfo } from '../../../src-shared/sync/sync-errors';
import type { Clock } from '../clock';
import type { DB } from '../db/schema';
import { backoffDelayMs } from './backoff';
import { markQueueDue } from './outbox';
import { deliverReport, type DeliveryOutcome, type FetchLike, type Timers } from './deliver';
import { loadSyncSettings, SyncConfigError, type SyncSettings } from './settings';
import { readSyncStatus, type SyncStatus } from './status';

export interface SyncPusherDeps {
  db: Kysely<DB>;
  clock: Clock;
  fetch: FetchLike;
  /** A number in [0, 1) for the backoff jitter (Math.random in production). */
  random: () => number;
  timers?: Timers;
  /** Longest sleep between passes, so reports queued without a `kick()` still go out. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export interface PassResult {
  sent: number;
  refused: number;
  channelError: SyncErrorInfo | null;
}

export interface SyncPusher {
  /** Begin sending on a timer; the first pass runs at once (reports left queued before a restart go first). */
  start(): void;
  /** Stop the timer and wait for a pass in progress to finish. */
  stop(): Promise<void>;
  /** Run one pass now if a pass is due (used by the timer and by tests with a fake clock). */
  runPass(): Promise<PassResult>;
  /** 'Send now': forget every wait, try the whole queue at once, and return the resulting status. */
  sendNow(): Promise<SyncStatus>;
  /** Call after the transaction that queued a report has committed, to send it without waiting. */
  kick(): void;
  status(): Promise<SyncStatus>;
}

const DEFAULT_POLL_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_DELAY_MS = 250;

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // The pusher must never keep the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The branch side of sending reports to head office. All its state lives in the outbox and sync_state
 * tables, so a restart loses nothing: queued rows are simply still queued. Reports are never deleted
 * and never given up on: a failing channel is retried with exponential backoff and jitter (5 s up to
 * 15 minutes) forever, a refused report likewise on its own schedule. The network is only touched
 * between short transactions, never inside one.
 */
export function createSyncPusher(deps: SyncPusherDeps): SyncPusher {
  const { db, clock } = deps;
  const timers = deps.timers ?? realTimers;
  const pollMs = deps.pollIntervalMs ?? DEFAULT_POLL_MS;
  const timeoutMs = deps.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: unknown = null;
  let running: Promise<PassResult> | null = null;
  let started = false;
  /** Set when the last pass found no usable settings. */
  let idle = false;

  async function recordChannel(outcome: 'ok' | SyncErrorInfo, countFailure: boolean): Promise<void> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      if (outcome === 'ok') {
        await trx
          .updateTable('sync_state')
          .set({ failures: 0, next_attempt_at: null, last_attempt_at: now.toISOString(), last_success_at: now.toISOString(), last_error_at: null, last_error_key: null, last_error_params_json: null })
          .where('id', '=', 1)
          .execute();
        return;
      }
      const state = await trx.selectFrom('sync_state').select('failures').where('id', '=', 1).executeTakeFirstOrThrow();
      const failures = countFailure ? state.failures + 1 : state.failures;
      await trx
        .updateTable('sync_state')
        .set({
          failures,
          next_attempt_at: countFailure ? new Date(now.getTime() + backoffDelayMs(failures, deps.random)).toISOString() : null,
          last_attempt_at: now.toISOString(),
          last_error_at: now.toISOString(),
          last_error_key: outcome.key,
          last_error_params_json: JSON.stringify(outcome.params),
        })
        .where('id', '=', 1)
        .execute();
    });
  }

  async function recordReport(id: number, outcome: DeliveryOutcome): Promise<void> {
    const now = clock.now();
    const nowIso = now.toISOString();
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sync_outbox').select('attempts').where('id', '=', id).executeTakeFirstOrThrow();
      const attempts = row.attempts + 1;
      if (outcome.kind === 'accepted') {
        await trx
          .updateTable('sync_outbox')
          .set({ attempts, last_attempt_at: nowIso, sent_at: nowIso, sent_result: outcome.result, last_error_key: null, last_error_params_json: null })
          .where('id', '=', id)
          .execute();
      } else if (outcome.kind === 'reportRefused') {
        await trx
          .updateTable('sync_outbox')
          .set({
            attempts,
            last_attempt_at: nowIso,
            next_attempt_at: new Date(now.getTime() + backoffDelayMs(attempts, deps.random)).toISOString(),
            last_error_key: outcome.error.key,
            last_error_params_json: JSON.stringify(outcome.error.params),
          })
          .where('id', '=', id)
          .execute();
      } else {
        // The channel's backoff decides when the queue is tried again; the row only counts the try.
        await trx.updateTable('sync_outbox').set({ attempts, last_attempt_at: nowIso }).where('id', '=', id).execute();
      }
    });
  }

  async function loadSettingsOrRecord(): Promise<SyncSettings | null> {
    try {
      const settings = await loadSyncSettings(db);
      if (!settings) await recordChannel({ key: 'sync.error.notConfigured', params: {} }, false);
      return settings;
    } catch (error) {
      if (!(error instanceof SyncConfigError)) throw error;
      await recordChannel(error.info, false);
      return null;
    }
  }

  async function pass(force: boolean): Promise<PassResult> {
    const result: PassResult = { sent: 0, refused: 0, channelError: null };
    const queued = await db.selectFrom('sync_outbox').select('id').where('sent_at', 'is', null).limit(1).executeTakeFirst();
    if (!queued) return result;
    const state = await db.selectFrom('sync_state').select('next_attempt_at').where('id', '=', 1).executeTakeFirstOrThrow();
    if (!force && state.next_attempt_at && clock.now().toISOString() < state.next_attempt_at) return result;
    const settings = await loadSettingsOrRecord();
    idle = settings === null;
    if (!settings) {
      result.channelError = { key: 'sync.error.notConfigured', params: {} };
      return result;
    }

    const tried = new Set<number>();
    for (;;) {
      const now = clock.now();
      const row = await db
        .selectFrom('sync_outbox')
        .select(['id', 'report_key', 'envelope_json'])
        .where('sent_at', 'is', null)
        .where('next_attempt_at', '<=', now.toISOString())
        .orderBy('next_attempt_at')
        .orderBy('id')
        .executeTakeFirst();
      if (!row || tried.has(row.id)) break;
      tried.add(row.id);
      const outcome = await deliverReport({ fetch: deps.fetch, timers, settings, reportKey: row.report_key, envelopeJson: row.envelope_json, now, timeoutMs });
      await recordReport(row.id, outcome);
      if (outcome.kind === 'channelFailed') {
        await recordChannel(outcome.error, true);
        result.channelError = outcome.error;
        break;
      }
      await recordChannel('ok', false);
      if (outcome.kind === 'accepted') result.sent += 1;
      else result.refused += 1;
    }
    return result;
  }

  /** One pass at a time: a second request waits for the first, then runs its own. */
  function runExclusive(force: boolean): Promise<PassResult> {
    // A failed pass (reported to its own caller) must not stop the ones queued behind it.
    const previous = (running ?? Promise.resolve(null)).catch(() => null);
    const next = previous.then(() => pass(force));
    const tracked = next.finally(() => {
      if (running === tracked) running = null;
      if (started) schedule();
    });
    running = tracked;
    return tracked;
  }

  async function nextDelayMs(): Promise<number> {
    // Unconfigured, nothing can change until the settings do: look again at the poll interval.
    if (idle) return pollMs;
    const s = await readSyncStatus(db, clock.now());
    if (!s.nextTryAt) return pollMs;
    const wait = Date.parse(s.nextTryAt) - clock.now().getTime();
    // The floor keeps an unforeseen "due but not sendable" row from spinning the timer.
    return Math.min(pollMs, Math.max(MIN_DELAY_MS, wait));
  }

  function schedule(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    void nextDelayMs()
      .then((ms) => {
        if (!started || running) return;
        if (timer !== null) timers.clearTimeout(timer);
        timer = timers.setTimeout(() => {
          timer = null;
          runExclusive(false).catch((error: unknown) => deps.logError?.('sync pass failed', error));
        }, ms);
      })
      .catch((error: unknown) => deps.logError?.('sync scheduling failed', error));
  }

  return {
    start() {
      if (started) return;
      started = true;
      runExclusive(false).catch((error: unknown) => deps.logError?.('sync pass failed', error));
    },
    async stop() {
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    runPass: () => runExclusive(false),
    async sendNow() {
      await db.transaction().execute((trx) => markQueueDue(trx, clock.now()));
      await runExclusive(true);
      return readSyncStatus(db, clock.now());
    },
    kick() {
      runExclusive(false).catch((error: unknown) => deps.logError?.('sync pass failed', error));
    },
    status: () => readSyncStatus(db, clock.now()),
  };
}
