import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { reportEnvelopeSchema, type ReportEnvelope } from '../../src-shared/sync/report-envelope';
import { sha256Hex } from '../crypto';
import { Refusal } from '../refusal';

/**
 * The report in an authenticated body: well-formed JSON (400), a valid envelope (422), sent by the
 * branch it belongs to (403), and carrying the hash of its own body (422).
 */
export function parseEnvelope(rawBody: Buffer, signingBranch: string): ReportEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
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
