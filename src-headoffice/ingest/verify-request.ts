import {
  canonicalRequest,
  MAX_CLOCK_SKEW_MS,
  NONCE_PATTERN,
  SIGNATURE_PATTERN,
  SYNC_HEADERS,
  TIMESTAMP_PATTERN,
} from '../../src-shared/sync/request-signing';
import { branchCodeSchema } from '../../src-shared/sync/report-envelope';
import { equalHex, hmacSha256Hex, sha256Hex } from '../crypto';
import { Refusal } from '../refusal';

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export interface VerifiedSender {
  branchCode: string;
  nonce: string;
}

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? undefined : v;
}

/**
 * Who sent this request, proven: the branch is registered, the timestamp is within five minutes of
 * head office's clock, and the HMAC over method, path, timestamp, nonce and body hash matches the
 * branch's secret. Whether the nonce is new is checked where it is stored, inside the transaction.
 * Throws a 401 Refusal otherwise.
 */
export async function verifySignedRequest(
  request: SignedRequest,
  now: Date,
  findSecret: (branchCode: string) => Promise<string | null>,
): Promise<VerifiedSender> {
  const branchCode = header(request.headers, SYNC_HEADERS.branch);
  const timestamp = header(request.headers, SYNC_HEADERS.timestamp);
  const nonce = header(request.headers, SYNC_HEADERS.nonce);
  const signature = header(request.headers, SYNC_HEADERS.signature);
  if (!branchCode || !timestamp || !nonce || !signature) throw new Refusal(401, 'unauthorized', 'missing_signature_headers');
  if (!branchCodeSchema.safeParse(branchCode).success || !TIMESTAMP_PATTERN.test(timestamp) || !NONCE_PATTERN.test(nonce) || !SIGNATURE_PATTERN.test(signature)) {
    throw new Refusal(401, 'unauthorized', 'malformed_signature_headers');
  }
  const secret = await findSecret(branchCode);
  if (secret === null) throw new Refusal(401, 'unauthorized', 'unknown_branch');

  const sentAt = Date.parse(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
    throw new Refusal(401, 'unauthorized', 'stale_timestamp');
  }
  const expected = hmacSha256Hex(
    secret,
    canonicalRequest({ method: request.method, path: request.path, timestamp, nonce, bodySha256: sha256Hex(request.rawBody) }),
  );
  if (!equalHex(expected, signature)) throw new Refusal(401, 'unauthorized', 'bad_signature');
  return { branchCode, nonce };
}
