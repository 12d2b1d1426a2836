import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { reportEnvelopeSchema, type ReportEnvelope } from '../../src-shared/sync/report-envelope';
import { sha256Hex } from '../crypto';
import { Refusal } from '../refusal';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The report in an authenticated body: well-formed JSON (400), a valid envelope (422), sent by the
 * branch it belongs to (403), and carrying the hash of its own body (422).
 */
export function parseEnvelope(rawBody: Buffer, signingBranch: string): ReportEnvelope {
  let json: unknown;
  try {
    // Strict (JSON is UTF-8, RFC 8259): a lenient decode turned invalid bytes into U+FFFD, and the report
    // stored then differed from the bytes the branch signed, its content hash taken over the replaced text.
    json = JSON.parse(STRICT_UTF8.decode(rawBody));
  } catch {
    throw new Refusal(400, 'bad_request', 'malformed_json');
  }
  const parsed = reportEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
    throw new Refusal(422, 'invalid_report', 'invalid_report', issues);
  }
  const envelope = parsed.data;
  // A branch's secret only speaks for that branch: it can never file reports for another.
  if (envelope.branchCode !== signingBranch) throw new Refusal(403, 'forbidden', 'branch_mismatch');
  // The schemas do not transform, so the parsed body is the body that was sent and hashed.
  if (sha256Hex(canonicalJson(envelope.body)) !== envelope.contentHash) throw new Refusal(422, 'invalid_report', 'content_hash_mismatch');
  return envelope;
}
