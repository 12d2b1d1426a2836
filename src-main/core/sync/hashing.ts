import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The content hash of a report body: sha256 of its canonical JSON, so key order never matters. */
export function contentHashOf(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

export function hmacSha256Hex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** 128 random bits, URL-safe: a nonce head office has never seen. */
export function randomNonce(): string {
  return randomBytes(16).toString('base64url');
}
