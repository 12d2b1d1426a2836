import type { Generated } from 'kysely';

/**
 * Tables of the sync module (src-main/core/sync): the outbox of daily reports for head office and the
 * state of the channel. Kept next to their migration (migrations/0002_sync_outbox.ts).
 */
export interface SyncOutboxTable {
  id: Generated<number>;
  /** `BJ01/technician/2026-11-23/T01/r1`: the report's identity, the same key head office uses. */
  report_key: string;
  kind: 'technician' | 'supervisor';
  report_date: string;
  technician_code: string | null;
  revision: number;
  content_hash: string;
  /** The canonical JSON sent as the request body, byte for byte. */
  envelope_json: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error_key: string | null;
  last_error_params_json: string | null;
  /** Set once head office acknowledged it (stored or already had it); null while queued. */
  sent_at: string | null;
  sent_result: 'stored' | 'duplicate' | null;
}

/** A single row (id 1): where to send, with which secret, and how the channel has been doing. */
export interface SyncStateTable {
  id: number;
  head_office_url: string | null;
  branch_secret: string | null;
  /** Consecutive failures of the channel itself (unreachable, 5xx, refused credentials). */
  failures: Generated<number>;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error_key: string | null;
  last_error_params_json: string | null;
}

export interface SyncTables {
  sync_outbox: SyncOutboxTable;
  sync_state: SyncStateTable;
}
