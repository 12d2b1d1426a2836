import type { Kysely } from 'kysely';
import type { SyncErrorInfo } from '../../../src-shared/sync/sync-errors';
import type { DB } from '../db/schema';

/** A sync setting that cannot work, with the message key the UI shows for it. */
export class SyncConfigError extends Error {
  constructor(readonly info: SyncErrorInfo) {
    super(`${info.key} ${JSON.stringify(info.params)}`);
    this.name = 'SyncConfigError';
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The head-office base URL, checked: HTTPS, or plain HTTP only to this machine (for tests and a local
 * head office). A report carries names and working hours, and the signature does not hide them: on
 * any other network they travel encrypted or not at all.
 */
export function checkHeadOfficeUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SyncConfigError({ key: 'sync.error.insecureUrl', params: { url: raw } });
  }
  const secureEnough = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!secureEnough || url.username || url.password || url.search || url.hash) {
    throw new SyncConfigError({ key: 'sync.error.insecureUrl', params: { url: raw } });
  }
  return url;
}

/** Where the reports endpoint is, under the configured base URL (which may carry a path prefix). */
export function reportsEndpoint(base: URL, reportsPath: string): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}${reportsPath}`, base);
}

export interface SyncSettings {
  headOfficeUrl: URL;
  branchSecret: string;
  branchCode: string;
}

/** Save the head-office URL and the branch secret printed by head office's `branch add`. */
export async function saveSyncSettings(db: Kysely<DB>, settings: { headOfficeUrl: string; branchSecret: string }): Promise<void> {
  const url = checkHeadOfficeUrl(settings.headOfficeUrl);
  const secret = settings.branchSecret.trim();
  if (secret.length < 16) throw new SyncConfigError({ key: 'sync.error.notConfigured', params: {} });
  await db.updateTable('sync_state').set({ head_office_url: url.toString(), branch_secret: secret }).where('id', '=', 1).execute();
}

/** The settings the pusher needs, or null while the branch or the channel is not set up. */
export async function loadSyncSettings(db: Kysely<DB>): Promise<SyncSettings | null> {
  const row = await db
    .selectFrom('sync_state')
    .leftJoin('branch', (join) => join.on('branch.id', '=', 1))
    .select(['sync_state.head_office_url', 'sync_state.branch_secret', 'branch.code'])
    .where('sync_state.id', '=', 1)
    .executeTakeFirst();
  if (!row?.head_office_url || !row.branch_secret || !row.code) return null;
  return { headOfficeUrl: checkHeadOfficeUrl(row.head_office_url), branchSecret: row.branch_secret, branchCode: row.code };
}
