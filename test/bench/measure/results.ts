import os from 'node:os';
import type { Summary } from './stats';

/** One row of the benchmark: what the user waits for, through each layer, against the raw limit. */
export interface Figure {
  key: string;
  label: string;
  unit: 'ms' | 'reports/s';
  /** Through the real dispatcher (validation, permission, transaction, audit), in this process. */
  service?: Summary;
  /** Through the browser-mode HTTP transport on loopback. */
  http?: Summary;
  /** The best hand-written better-sqlite3 statements for the same answer, same connection, same run. */
  raw?: Summary;
  /** A fresh Node process, timed from spawn. */
  process?: Summary;
  /** service ÷ raw, for the median and the p95. */
  ratioToRaw: { median: number; p95: number } | null;
  target: string;
  meetsTarget: boolean;
  /** Parts of the figure worth seeing on their own (medians, ms). */
  details?: Record<string, number>;
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  sqlite: string;
}

export function describeMachine(sqliteVersion: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    sqlite: sqliteVersion,
  };
}

export const ratio = (service: Summary, raw: Summary) => ({ median: service.median / raw.median, p95: service.p95 / raw.p95 });

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const pair = (s: Summary | undefined) => (s ? `${fmt(s.median)} / ${fmt(s.p95)}` : '');

/** The table printed on stdout: medians / p95s per layer, the ratio to raw, the target and whether it holds. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'unit', 'service p50/p95', 'http p50/p95', 'raw p50/p95', 'x raw p95', 'target', 'ok'];
  const rows = figures.map((f) => [
    f.label,
    f.unit,
    pair(f.service ?? f.process),
    pair(f.http),
    pair(f.raw),
    f.ratioToRaw ? fmt(f.ratioToRaw.p95) : '',
    f.target,
    f.meetsTarget ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length + (r[i]!.match(/[\u4e00-\u9fff]/g)?.length ?? 0))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length - (c.match(/[\u4e00-\u9fff]/g)?.length ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
