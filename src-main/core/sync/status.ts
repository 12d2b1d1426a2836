import type { Kysely } from 'kysely';
import type { SyncErrorInfo, SyncErrorKey } from '../../../src-shared/sync/sync-errors';
import type { DB } from '../db/schema';

/** What the UI shows about sending reports to head office. Instants are UTC ISO strings. */
export interface SyncStatus {
  isConfigured: boolean;
  /** Reports waiting for head office's acknowledgement. */
  queued: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** The most recent problem still standing, as an i18n key with params; null when all is well. */
  lastError: (SyncErrorInfo & { at: string | null; reportKey: string | null }) | null;
  /** When the next automatic try is due; null when nothing is queued. */
  nextTryAt: string | null;
  /** Consecutive failures of the channel (drives the backoff). */
  failures: number;
}

function errorInfo(key: string | null, paramsJson: string | null): SyncErrorInfo | null {
  if (!key) return null;
  return { key: key as SyncErrorKey, params: paramsJson ? (JSON.parse(paramsJson) as SyncErrorInfo['params']) : {} };
}

/** The sync state for the UI; `now` turns "overdue" into "due now". */
export async function readSyncStatus(db: Kysely<DB>, now: Date): Promise<SyncStatus> {
  const state = await db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const queue = await db
    .selectFrom('sync_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('queued'), eb.fn.min('next_attempt_at').as('earliest')])
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  // A report head office refused keeps its own error until it goes through; the channel's error wins
  // because while the channel is down nothing else can be learned.
  const stuck = await db
    .selectFrom('sync_outbox')
    .select(['report_key', 'last_error_key', 'last_error_params_json', 'last_attempt_at'])
    .where('sent_at', 'is', null)
    .where('last_error_key', 'is not', null)
    .orderBy('last_attempt_at', 'desc')
    .executeTakeFirst();

  const channelError = errorInfo(state.last_error_key, state.last_error_params_json);
  const reportError = stuck ? errorInfo(stuck.last_error_key, stuck.last_error_params_json) : null;
  const lastError = channelError
    ? { ...channelError, at: state.last_error_at, reportKey: null }
    : reportError && stuck
      ? { ...reportError, at: stuck.last_attempt_at, reportKey: stuck.report_key }
      : null;

  const queued = Number(queue.queued);
  const earliest = queue.earliest ?? null;
  const channelNext = state.next_attempt_at;
  const nowIso = now.toISOString();
  const due = [channelNext, earliest, nowIso].filter((v): v is string => v !== null).sort().at(-1) ?? nowIso;
  const nextTryAt = queued === 0 ? null : due;

  return {
    isConfigured: Boolean(state.head_office_url && state.branch_secret),
    queued,
    lastSuccessAt: state.last_success_at,
    lastAttemptAt: state.last_attempt_at,
    lastError,
    nextTryAt,
    failures: state.failures,
  };
}
