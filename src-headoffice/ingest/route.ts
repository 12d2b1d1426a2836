import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_CLOCK_SKEW_MS, MAX_REPORT_BODY_BYTES, REPORTS_PATH } from '../../src-shared/sync/request-signing';
import { findBranchSecret } from '../admin/branches';
import type { Clock } from '../clock';
import type { HeadOfficeDB } from '../db/schema';
import { parseEnvelope } from './parse-envelope';
import { isPostgres } from '../db/dialect';
import { createReportWriter } from './report-writer';
import { pruneNonces } from './store-report';
import { verifySignedRequest } from './verify-request';

/** Nonces are kept well past the timestamp window, then forgotten in one sweep now and then. */
const NONCE_RETENTION_MS = 12 * MAX_CLOCK_SKEW_MS;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Concurrent writing transactions on PostgreSQL: fewer than the pool, so reads still get a connection. */
const PG_WRITERS = 6;

/**
 * `POST /api/v1/reports`, registered in its own scope because it needs the raw bytes of the body: the
 * signature covers them exactly, so the body is checked before it is parsed.
 */
export async function registerIngestRoute(app: FastifyInstance, deps: { db: Kysely<HeadOfficeDB>; clock: Clock }): Promise<void> {
  const { db, clock } = deps;
  let lastPrune = 0;
  // SQLite has one writer; PostgreSQL commits on several connections at once (and groups their flushes).
  const writer = createReportWriter(db, isPostgres(db) ? PG_WRITERS : 1);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_REPORT_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.post(REPORTS_PATH, { bodyLimit: MAX_REPORT_BODY_BYTES }, async (request, reply) => {
    const now = clock.now();
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const sender = await verifySignedRequest(
      // The signed path is the route's (see request-signing.ts), whatever prefix a proxy added.
      { method: request.method, path: REPORTS_PATH, headers: request.headers, rawBody },
      now,
      (code) => findBranchSecret(db, code),
    );
    const envelope = parseEnvelope(rawBody, sender.branchCode);
    const accepted = await writer.store({ envelope, rawJson: rawBody.toString('utf8'), branchCode: sender.branchCode, nonce: sender.nonce, receivedAt: now.toISOString() });
    request.log.info({ branch: sender.branchCode, report: accepted.reportKey, status: accepted.status }, 'report received');

    if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await pruneNonces(db, new Date(now.getTime() - NONCE_RETENTION_MS).toISOString());
    }
    return reply.code(200).send(accepted);
  });
}
