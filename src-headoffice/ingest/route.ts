import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_CLOCK_SKEW_MS, MAX_REPORT_BODY_BYTES, REPORTS_PATH } from '../../src-shared/sync/request-signing';
import type { Clock } from '../clock';
import type { DirectStore } from '../db/open';
import type { HeadOfficeDB } from '../db/schema';
import { createSecretLookup } from './branch-secrets';
import { parseEnvelope } from './parse-envelope';
import { createPostgresBatchStore } from './postgres-batch';
import { createReportWriter } from './report-writer';
import { createSqliteBatchStore } from './sqlite-batch';
import { pruneNonces } from './store-report';
import { verifySignedRequest } from './verify-request';

/** Nonces are kept well past the timestamp window, then forgotten in one sweep now and then. */
const NONCE_RETENTION_MS = 12 * MAX_CLOCK_SKEW_MS;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/**
 * Batches written at once on PostgreSQL. A batch statement costs PostgreSQL about a millisecond of CPU
 * whatever its size, so fewer, fuller batches leave more of the machine to the rest: with 20 branches
 * sending, 2 writers cost PostgreSQL 0.6-0.7 ms of CPU per report where 6 cost 0.7-0.9 ms. The second
 * keeps reports moving while the first waits for its WAL flush or stores a failed batch one by one.
 */
const PG_WRITERS = 2;

/**
 * `POST /api/v1/reports`, registered in its own scope because it needs the raw bytes of the body: the
 * signature covers them exactly, so the body is checked before it is parsed.
 */
export async function registerIngestRoute(app: FastifyInstance, deps: { db: Kysely<HeadOfficeDB>; direct: DirectStore; clock: Clock }): Promise<void> {
  const { db, direct, clock } = deps;
  let lastPrune = 0;
  // SQLite has one writer; PostgreSQL commits on PG_WRITERS connections at once (and groups their flushes).
  const writer =
    direct.kind === 'sqlite'
      ? createReportWriter(createSqliteBatchStore(direct.sqlite, db), 1)
      : createReportWriter(
          createPostgresBatchStore(direct.pool, db, (error) => app.log.warn({ err: error }, 'storing a batch in one statement failed; its reports are stored one by one')),
          PG_WRITERS,
        );
  const findSecret = createSecretLookup(direct);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_REPORT_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.post(REPORTS_PATH, { bodyLimit: MAX_REPORT_BODY_BYTES }, async (request, reply) => {
    const now = clock.now();
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const sender = await verifySignedRequest(
      // The signed path is the route's (see request-signing.ts), whatever prefix a proxy added.
      { method: request.method, path: REPORTS_PATH, headers: request.headers, rawBody },
      now,
      findSecret,
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
