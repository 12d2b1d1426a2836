/**
 * How a branch signs its requests to head office: HMAC-SHA256 with the branch's secret over
 * `METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256(body)`. The timestamp bounds a replay to a few minutes and the
 * nonce, remembered by head office, closes even that window; the body hash binds the exact bytes sent.
 * The hashing itself happens on the Node sides (node:crypto); this file only fixes the text.
 */

export const SYNC_HEADERS = Object.freeze({
  branch: 'x-aftercare-branch',
  timestamp: 'x-aftercare-timestamp',
  nonce: 'x-aftercare-nonce',
  signature: 'x-aftercare-signature',
});

export const REPORTS_PATH = '/api/v1/reports';

/** Head office refuses a request whose timestamp is further than this from its own clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Largest report body head office accepts. A day's technician report is a few kilobytes. */
export const MAX_REPORT_BODY_BYTES = 1024 * 1024;

/** 16 to 64 URL-safe characters; the branch uses 128 random bits in base64url (22 characters). */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A UTC instant with milliseconds, as `Date.prototype.toISOString` writes it. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

export interface SignedParts {
  method: string;
  /** The route's path, `/api/v1/reports`, even when head office is reached under a proxy prefix. */
  path: string;
  timestamp: string;
  nonce: string;
  /** Lower-case hex sha256 of the raw request body. */
  bodySha256: string;
}

export function canonicalRequest(parts: SignedParts): string {
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, parts.bodySha256].join('\n');
}
