import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import Database from 'better-sqlite3';
import { canonicalRequest, REPORTS_PATH, SYNC_HEADERS } from '../../../src-shared/sync/request-signing';
import type { HeadOfficeTimeouts } from '../../../src-headoffice/server';

/** A head office running in a child process, and hostile ways to talk to it. */
export interface ChildHeadOffice {
  baseUrl: string;
  port: number;
  secret: string;
  child: ChildProcess;
  /** Resident memory of the head-office process, from /proc. */
  rssBytes(): number;
  /** Rows in every table a report touches. */
  storedRows(): Record<StoreTable, number>;
  stop(): Promise<void>;
}

const STORE_TABLES = ['reports', 'report_heads', 'report_minutes', 'report_counts', 'request_nonces'] as const;
type StoreTable = (typeof STORE_TABLES)[number];

export async function startChildHeadOffice(dataDir: string, timeouts: Partial<HeadOfficeTimeouts>): Promise<ChildHeadOffice> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/fuzz/headoffice-child.ts', dataDir, JSON.stringify(timeouts)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /READY (\S+) (\S+)\n/.exec(out);
      if (line) resolve(line[0]);
    });
    child.once('exit', (code) => reject(new Error(`head office exited (${code}): ${stderr}`)));
  });
  const [, baseUrl, secret] = /READY (\S+) (\S+)/.exec(ready)!;
  return {
    baseUrl: baseUrl!,
    port: Number(new URL(baseUrl!).port),
    secret: secret!,
    child,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    storedRows: () => {
      const db = new Database(`${dataDir}/headoffice.sqlite`, { readonly: true });
      try {
        return Object.fromEntries(STORE_TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number])) as Record<StoreTable, number>;
      } finally {
        db.close();
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The branch's four signature headers over these exact bytes (the branch's own signer takes text only). */
export function signBytes(secret: string, body: Buffer, now = new Date(), nonce = createHash('sha256').update(Math.random().toString()).digest('base64url').slice(0, 22)): Record<string, string> {
  const timestamp = now.toISOString();
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const signature = createHmac('sha256', secret).update(canonicalRequest({ method: 'POST', path: REPORTS_PATH, timestamp, nonce, bodySha256 })).digest('hex');
  return { [SYNC_HEADERS.branch]: 'SH02', [SYNC_HEADERS.timestamp]: timestamp, [SYNC_HEADERS.nonce]: nonce, [SYNC_HEADERS.signature]: signature };
}

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
}

/** POST signed bytes; `chunked` streams them without a Content-Length. A reset connection is `status: 0`. */
export async function pushBytes(ho: ChildHeadOffice, body: Buffer, options: { chunked?: boolean } = {}): Promise<Answer> {
  const headers = { 'content-type': 'application/json', ...signBytes(ho.secret, body) };
  const payload = options.chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < body.length; at += 64 * 1024) controller.enqueue(body.subarray(at, at + 64 * 1024));
          controller.close();
        },
      })
    : body;
  try {
    const response = await fetch(`${ho.baseUrl}${REPORTS_PATH}`, { method: 'POST', headers, body: payload, ...(options.chunked ? { duplex: 'half' } : {}) } as RequestInit);
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { status: response.status, json };
  } catch {
    return { status: 0, json: null };
  }
}

export interface SlowOutcome {
  /** The status line the server sent before closing, if any (408 for a request past its deadline). */
  statusLine: string | null;
  /** Milliseconds until the connection closed. */
  closedAfterMs: number;
  /** False when the client gave up first: the server would have let it go on. */
  closedByServer: boolean;
  bytesSent: number;
}

/**
 * A slowloris client: send `head` (request line and perhaps headers), then `trickle` one byte every
 * `everyMs` until the server closes the connection or `giveUpMs` passes.
 */
export function slowClient(port: number, head: string, trickle: string, everyMs: number, giveUpMs: number): Promise<SlowOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | null = null;
    let gaveUp = false;
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, giveUpMs);
    const finish = () => {
      if (timer) clearInterval(timer);
      clearTimeout(giveUp);
      const statusLine = /^HTTP\/1\.1 \d{3}[^\r\n]*/.exec(received)?.[0] ?? null;
      resolve({ statusLine, closedAfterMs: Date.now() - started, closedByServer: !gaveUp, bytesSent: sent });
    };
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head);
      sent += head.length;
      let trickled = 0;
      timer = setInterval(() => {
        socket.write(trickle[trickled % trickle.length]!);
        trickled += 1;
        sent += 1;
      }, everyMs);
    });
  });
}
