import { REPORTS_PATH } from '../../../src-shared/sync/request-signing';
import type { RefusalBody, SyncAcceptedBody, SyncErrorInfo } from '../../../src-shared/sync/sync-errors';
import { reportsEndpoint, type SyncSettings } from './settings';
import { signRequest } from './sign-request';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * What one try at sending one report came to:
 * - accepted: head office has it (stored now or already had it); the report is done.
 * - reportRefused: head office works but refuses this report; others may still go.
 * - channelFailed: nothing can get through right now (no connection, server trouble, credentials);
 *   the whole queue waits for the next try.
 */
export type DeliveryOutcome =
  | { kind: 'accepted'; result: 'stored' | 'duplicate' }
  | { kind: 'reportRefused'; error: SyncErrorInfo }
  | { kind: 'channelFailed'; error: SyncErrorInfo };

export interface DeliverInput {
  fetch: FetchLike;
  timers: Timers;
  settings: SyncSettings;
  reportKey: string;
  envelopeJson: string;
  now: Date;
  timeoutMs: number;
}

/** Send one queued report, signed, and classify the answer. Never throws. */
export async function deliverReport(input: DeliverInput): Promise<DeliveryOutcome> {
  const url = reportsEndpoint(input.settings.headOfficeUrl, REPORTS_PATH);
  const headers = signRequest({
    secret: input.settings.branchSecret,
    branchCode: input.settings.branchCode,
    method: 'POST',
    // The route's own path, not the URL's: a proxy that serves head office under a prefix strips it.
    path: REPORTS_PATH,
    body: input.envelopeJson,
    now: input.now,
  });
  const abort = new AbortController();
  let timedOut = false;
  const timer = input.timers.setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, input.timeoutMs);
  try {
    const response = await input.fetch(url.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: input.envelopeJson,
      signal: abort.signal,
      // A redirect could lead to plain HTTP or another host: the configured URL is the only one used.
      redirect: 'error',
    });
    const payload = (await response.json().catch(() => null)) as Partial<SyncAcceptedBody & RefusalBody> | null;
    return classify(response.status, payload, input);
  } catch (error) {
    if (timedOut) return { kind: 'channelFailed', error: { key: 'sync.error.timeout', params: { seconds: Math.round(input.timeoutMs / 1000) } } };
    return { kind: 'channelFailed', error: { key: 'sync.error.unreachable', params: { detail: describeNetworkError(error) } } };
  } finally {
    input.timers.clearTimeout(timer);
  }
}

function classify(status: number, payload: Partial<SyncAcceptedBody & RefusalBody> | null, input: DeliverInput): DeliveryOutcome {
  const reason = typeof payload?.reason === 'string' ? payload.reason : '';
  if (status === 200 && (payload?.status === 'stored' || payload?.status === 'duplicate')) {
    return { kind: 'accepted', result: payload.status };
  }
  if (status === 401) {
    if (reason === 'unknown_branch') return channel('sync.error.unknownBranch', { branchCode: input.settings.branchCode });
    if (reason === 'stale_timestamp') return channel('sync.error.clockSkew', {});
    if (reason === 'bad_signature') return channel('sync.error.badSecret', {});
    return channel('sync.error.refused', { reportKey: input.reportKey, status, reason });
  }
  if (status === 409 && reason === 'revision_conflict') {
    return { kind: 'reportRefused', error: { key: 'sync.error.conflict', params: { reportKey: input.reportKey } } };
  }
  if ([400, 403, 409, 413, 415, 422].includes(status)) {
    return { kind: 'reportRefused', error: { key: 'sync.error.refused', params: { reportKey: input.reportKey, status, reason } } };
  }
  if (status === 429 || status >= 500) return channel('sync.error.serverError', { status });
  // Anything else (404 from a wrong URL, 200 without our answer from a captive portal...): the channel is
  // not reaching a working head office.
  return channel('sync.error.refused', { reportKey: input.reportKey, status, reason });
}

function channel(key: SyncErrorInfo['key'], params: SyncErrorInfo['params']): DeliveryOutcome {
  return { kind: 'channelFailed', error: { key, params } };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
