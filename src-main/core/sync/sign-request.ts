import { canonicalRequest, SYNC_HEADERS } from '../../../src-shared/sync/request-signing';
import { hmacSha256Hex, randomNonce, sha256Hex } from './hashing';

export interface SignInput {
  secret: string;
  branchCode: string;
  method: string;
  path: string;
  body: string;
  now: Date;
  nonce?: string;
}

/** The four headers that let head office check who sent these exact bytes, and when. */
export function signRequest(input: SignInput): Record<string, string> {
  const timestamp = input.now.toISOString();
  const nonce = input.nonce ?? randomNonce();
  const signature = hmacSha256Hex(
    input.secret,
    canonicalRequest({ method: input.method, path: input.path, timestamp, nonce, bodySha256: sha256Hex(input.body) }),
  );
  return {
    [SYNC_HEADERS.branch]: input.branchCode,
    [SYNC_HEADERS.timestamp]: timestamp,
    [SYNC_HEADERS.nonce]: nonce,
    [SYNC_HEADERS.signature]: signature,
  };
}
