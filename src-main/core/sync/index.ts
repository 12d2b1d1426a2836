export { backoffDelayMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS } from './backoff';
export { enqueueReport, listOutboxForDay, markQueueDue, nextReportRevision, OutboxConflictError, type OutboxEntry, type QueuedReport } from './outbox';
export { createSyncPusher, type PassResult, type SyncPusher, type SyncPusherDeps } from './pusher';
export { checkHeadOfficeUrl, loadSyncSettings, saveSyncSettings, SyncConfigError, type SyncSettings } from './settings';
export { readSyncStatus, type SyncStatus } from './status';
export { contentHashOf } from './hashing';
