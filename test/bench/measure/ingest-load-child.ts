/**
 * The branches of the ingest benchmark, in a process of their own: signs and POSTs the bodies it is
 * given, `concurrency` at once over kept-alive loopback connections, and answers with the elapsed time,
 * the per-request latencies and how many reports head office called duplicates. Run apart from the
 * server so that the server's figure is what one core of it does, not one core shared with its clients.
 *
 * Started by ingest.ts with `fork`; one message in per run, one message out.
 */
import http from 'node:http';
import { REPORTS_PATH } from '../../../src-shared/sync/request-signing';
import { signRequest } from '../../../src-main/core/sync/sign-request';

export interface LoadRun {
  baseUrl: string;
  secret: string;
  branchCode: string;
  /** Head office's clock in the benchmark is fixed: the branches sign with the same instant. */
  nowIso: string;
  bodies: string[];
  concurrency: number;
}

export type LoadResult = { ok: true; elapsedMs: number; latenciesMs: number[]; duplicates: number } | { ok: false; error: string };

const agent = new http.Agent({ keepAlive: true });

function post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function runLoad(run: LoadRun): Promise<LoadResult> {
  const url = new URL(REPORTS_PATH, run.baseUrl);
  const now = new Date(run.nowIso);
  // Signed before the clock starts: signing is the branches' work, and this process shares the machine
  // with the server being measured.
  const requests = run.bodies.map((body) => ({ body, headers: signRequest({ secret: run.secret, branchCode: run.branchCode, method: 'POST', path: REPORTS_PATH, body, now }) }));
  const latenciesMs: number[] = [];
  let duplicates = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: run.concurrency }, async () => {
      while (next < requests.length) {
        const { body, headers } = requests[next++]!;
        const sentAt = performance.now();
        const answer = await post(url, headers, body);
        if (answer.status !== 200) throw new Error(`head office answered ${answer.status}: ${answer.text}`);
        if ((JSON.parse(answer.text) as { status?: string }).status === 'duplicate') duplicates++;
        latenciesMs.push(performance.now() - sentAt);
      }
    }),
  );
  return { ok: true, elapsedMs: performance.now() - started, latenciesMs, duplicates };
}

process.on('message', (message: LoadRun) => {
  runLoad(message).then(
    (result) => process.send!(result),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies LoadResult),
  );
});
// Parent gone: nothing left to send to.
process.on('disconnect', () => {
  agent.destroy();
  process.exit(0);
});
