import type { BenchContext } from './context';
import type { RawQueries } from './raw-queries';
import { ratio, type Figure } from './results';
import { summarize, timeOnce } from './stats';

/**
 * Search as you type, replayed keystroke by keystroke as the UI sends it: every prefix of what the
 * clerk types is one request (customers.search with limit 8 in the register-call drawer; calls.list
 * with the text and limit 500 in the call-log book). Kinds: a mobile number, a Chinese name, a fragment
 * of a name (the given name without the surname), pinyin initials, a product serial, and over calls also
 * a call number. Targets are real customers of the generated branch, spread over the file.
 */

type Kind = 'phone' | 'name' | 'nameFragment' | 'initials' | 'serial' | 'callNumber';
type Over = 'customers' | 'calls';

const KIND_LABEL: Readonly<Record<Kind, string>> = Object.freeze({
  phone: 'phone digits',
  name: 'Chinese name',
  nameFragment: 'name fragment (given name)',
  initials: 'pinyin initials',
  serial: 'serial',
  callNumber: 'call number',
});

/** Every prefix of `text`, by character (an IME commits whole Chinese characters). */
const keystrokes = (text: string) => [...text].map((_, i) => [...text].slice(0, i + 1).join(''));

interface Target {
  name: string;
  initials: string;
  phone: string;
  serial: string;
  callNumber: string;
}

function loadTargets(ctx: BenchContext, count: number): Target[] {
  const sqlite = ctx.app.sqlite;
  const total = ctx.meta.counts.customers!;
  const row = sqlite.prepare(`SELECT c.name, c.name_initials AS initials,
      (SELECT digits FROM customer_phones WHERE customer_id = c.id AND length(digits) = 11 AND digits LIKE '1%' LIMIT 1) AS phone,
      (SELECT serial FROM products WHERE customer_id = c.id ORDER BY id LIMIT 1) AS serial,
      (SELECT number FROM calls WHERE customer_id = c.id ORDER BY id DESC LIMIT 1) AS callNumber
    FROM customers c WHERE c.id = ?`);
  const targets: Target[] = [];
  // Spread over the whole file (old and new customers); persons with a mobile and at least one call.
  for (let i = 0; targets.length < count && i < count * 20; i++) {
    const t = row.get(1 + ((i * 104_729 + 17) % total)) as Target | undefined;
    if (t && t.phone && t.callNumber && !/公司|中心/.test(t.name)) targets.push(t);
  }
  return targets;
}

function sequences(targets: Target[], kind: Kind): string[][] {
  return targets.map((t) => {
    switch (kind) {
      case 'phone':
        return keystrokes(t.phone);
      case 'name':
        return keystrokes(t.name);
      case 'nameFragment':
        return keystrokes([...t.name].slice(1).join(''));
      case 'initials':
        return keystrokes(t.initials);
      case 'serial':
        return keystrokes(t.serial);
      case 'callNumber':
        // The book number as a clerk reads it off a voucher: typed from the branch code on.
        return keystrokes(t.callNumber);
    }
  });
}

/** The rows the call-log book asks for while the clerk types (src-renderer/store/call-log-slice.ts, SEARCH_ROWS). */
const CALL_SEARCH_ROWS = 50;

export async function measureSearch(ctx: BenchContext, raw: RawQueries, targetCount: number): Promise<Figure[]> {
  const targets = loadTargets(ctx, targetCount);
  const figures: Figure[] = [];
  const runs: Array<[Over, Kind]> = [
    ...(['phone', 'name', 'nameFragment', 'initials', 'serial'] as const).map((k) => ['customers', k] as [Over, Kind]),
    ...(['phone', 'name', 'nameFragment', 'initials', 'serial', 'callNumber'] as const).map((k) => ['calls', k] as [Over, Kind]),
  ];
  for (const [over, kind] of runs) {
    const typed = sequences(targets, kind);
    const service = (q: string) => (over === 'customers' ? ctx.call('clerk', 'customers.search', { query: q, limit: 8 }) : ctx.call('clerk', 'calls.list', { query: q, limit: CALL_SEARCH_ROWS }));
    const http = (q: string) => (over === 'customers' ? ctx.post('clerk', 'customers.search', { query: q, limit: 8 }) : ctx.post('clerk', 'calls.list', { query: q, limit: CALL_SEARCH_ROWS }));
    const rawCall = (q: string) => (over === 'customers' ? raw.searchCustomers(q, 8) : raw.searchCalls(q, CALL_SEARCH_ROWS));
    // Warm-up: the first target's keystrokes through each layer, unmeasured.
    for (const q of typed[0] ?? []) {
      await service(q);
      await http(q);
      rawCall(q);
    }
    const times = { service: [] as number[], http: [] as number[], raw: [] as number[] };
    for (const sequence of typed) {
      for (const q of sequence) {
        times.service.push(await timeOnce(() => service(q)));
        times.http.push(await timeOnce(() => http(q)));
        times.raw.push(await timeOnce(() => rawCall(q)));
      }
    }
    const sv = summarize(times.service);
    const hp = summarize(times.http);
    const rw = summarize(times.raw);
    const r = ratio(sv, rw);
    figures.push({
      key: `search.${over}.${kind}`,
      label: `search ${over === 'customers' ? 'customers' : 'calls'}: ${KIND_LABEL[kind]}`,
      unit: 'ms',
      service: sv,
      http: hp,
      raw: rw,
      ratioToRaw: r,
      target: 'p95 ≤ 5 ms, ≤ 3× raw; HTTP ≤ 15 ms',
      meetsTarget: sv.p95 <= 5 && r.p95 <= 3 && hp.p95 <= 15,
      details: { keystrokes: times.service.length, targets: typed.length },
    });
  }
  return figures;
}
