/**
 * What head office answers when it refuses a report (`{ error, reason }` with a 4xx status), and the
 * i18n keys the branch shows for the last sync error. The UI translates `sync.error.*` with its params.
 */

export const REFUSAL_REASONS = [
  'missing_signature_headers',
  'malformed_signature_headers',
  'unknown_branch',
  'stale_timestamp',
  'bad_signature',
  'nonce_replayed',
  'branch_mismatch',
  'malformed_json',
  'invalid_report',
  'content_hash_mismatch',
  'revision_conflict',
  'body_too_large',
  'unsupported_media_type',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface RefusalBody {
  error: string;
  reason: string;
  /** Field paths of a schema refusal, to find the offending value quickly. */
  issues?: { path: string; message: string }[];
}

export interface SyncAcceptedBody {
  status: 'stored' | 'duplicate';
  reportKey: string;
  /** Whether this revision is now the one head office shows. */
  isLatest: boolean;
}

export const SYNC_ERROR_KEYS = [
  /** The head-office URL or the branch secret is not set yet. */
  'sync.error.notConfigured',
  /** The URL is plain http to a host other than this machine. params: { url } */
  'sync.error.insecureUrl',
  /** No connection (DNS, refused, reset, TLS). params: { detail } */
  'sync.error.unreachable',
  /** No answer within the time limit. params: { seconds } */
  'sync.error.timeout',
  /** Head office failed or is overloaded (5xx, 429). params: { status } */
  'sync.error.serverError',
  /** Head office does not know this branch code. params: { branchCode } */
  'sync.error.unknownBranch',
  /** The branch secret is wrong (rotated at head office?). */
  'sync.error.badSecret',
  /** This computer's clock is more than five minutes off. */
  'sync.error.clockSkew',
  /** Head office already has this revision with other content. params: { reportKey } */
  'sync.error.conflict',
  /** Head office refused the report itself. params: { reportKey, status, reason } */
  'sync.error.refused',
] as const;
export type SyncErrorKey = (typeof SYNC_ERROR_KEYS)[number];

export interface SyncErrorInfo {
  key: SyncErrorKey;
  params: Record<string, string | number>;
}
