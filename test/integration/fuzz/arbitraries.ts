import fc from 'fast-check';

/**
 * Hostile values, and the ways a well-shaped input is bent with them. Everything here is plain data a
 * renderer (or anything that can reach the IPC channel or the HTTP port) could send.
 */

/** Pieces a 100k-character string is built from: CJK, control characters, lone surrogates, bidi tricks. */
const PIECES = ['x', '售后通', '\u0000', '\u0001\u001f\u007f', '\ud800', '\udfff', '\udc00\ud800', '\u202e', '\u200b', 'e\u0301', '😀', "'; DROP TABLE calls; --", '%_', '"', '\\', '\r\n'];

/** Strings near and far past every length limit of the contract, made of hostile pieces. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(100_000, 1_000, 501, 401, 61, 41)).map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length)),
  fc.constantFrom(...PIECES),
  fc.constantFrom('', ' ', '\t\n', '　', 'null', 'undefined', 'NaN', '0', '-1', '1e308', '[object Object]', '__proto__', 'constructor'),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 100_000_001, 1441, 1000),
  fc.double(),
  fc.integer(),
);

/** Dates and instants that look right and are not, or are right at the edges. */
export const hostileDate: fc.Arbitrary<string> = fc.constantFrom(
  '2026-02-30',
  '2026-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '9999-12-31',
  '',
  'T25:00',
  '2026-11-23T25:00:00Z',
  '2026-11-23T24:00:00.000Z',
  '2026-02-30T10:00:00.000Z',
  '2026-11-23T09:00:00+08:00',
  '2026-11-23T09:60:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2026-11-23 ',
  ' 2026-11-23',
  '２０２６-１１-２３',
  '2026/11/23',
  '20261123',
  '2026-11-23T01:00:00.000Z',
);

const DEPTHS = [10, 1_000, 100_000] as const;

/** Arrays or objects nested `depth` deep, built in a loop (a recursive builder would overflow first). */
function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = asObject ? {} : [];
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

export const deepValue: fc.Arbitrary<unknown> = fc.tuple(fc.constantFrom(...DEPTHS), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject));

/** Any single value of a wrong or hostile kind. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: hostileDate },
  { weight: 1, arbitrary: deepValue },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}, [[]], [null], { id: 1 }, ['a', 1]) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

/** Keys that name prototype machinery; parsed from JSON text they become own properties, as over HTTP. */
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;
const PROTO_PAYLOADS = ['{"role":"admin","isAdmin":true}', '{"prototype":{"polluted":true}}', 'null', '1', '"x"', '[]'] as const;

/** Every path into a value (objects and arrays), the root first. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Edit = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'extraKey'; key: string; value: unknown } | { kind: 'protoKey'; key: string; json: string };

/** Apply one edit at one path of a deep copy of `seed` (JSON round trip: seeds are JSON data). */
function applyEdit(seed: unknown, pathIndex: number, edit: Edit): unknown {
  if (seed === undefined || seed === null || typeof seed !== 'object') return edit.kind === 'replace' ? edit.value : seed;
  const paths = pathsOf(seed);
  const at = paths[pathIndex % paths.length]!;
  if (edit.kind === 'protoKey') return withProtoKey(seed, at, edit.key, edit.json);
  const copy = JSON.parse(JSON.stringify(seed)) as Record<string | number, unknown>;
  if (at.length === 0) {
    if (edit.kind === 'replace') return edit.value;
    if (edit.kind === 'extraKey') return Array.isArray(copy) ? copy : { ...copy, [edit.key]: edit.value };
    return undefined;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (edit.kind === 'replace') parent[last] = edit.value;
  else if (edit.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[edit.key] = edit.value;
    else parent[last] = { [edit.key]: edit.value };
  }
  return copy;
}

/** `seed` with an own `key` (e.g. `__proto__`) inserted into the object at `at`, by way of JSON text. */
function withProtoKey(seed: unknown, at: (string | number)[], key: string, json: string): unknown {
  const marker = '"__fuzz_marker__":0';
  const copy = JSON.parse(JSON.stringify(seed)) as Record<string | number, unknown>;
  let target: unknown = copy;
  for (const step of at) {
    const next = (target as Record<string | number, unknown>)[step];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) break;
    target = next;
  }
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return JSON.parse(`{${JSON.stringify(key)}:${json}}`);
  (target as Record<string, unknown>).__fuzz_marker__ = 0;
  return JSON.parse(JSON.stringify(copy).replace(marker, `${JSON.stringify(key)}:${json}`));
}

const hostileEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: hostileValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'id', 'userId', 'role', 'isActive', 'status'), hostileValue).map(([key, value]) => ({ kind: 'extraKey' as const, key, value })) },
);

const protoEdit: fc.Arbitrary<Edit> = fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...PROTO_PAYLOADS)).map(([key, json]) => ({ kind: 'protoKey' as const, key, json }));

/** A value a careful but wrong client might send: a neighbour of a valid one. */
const mildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -2, max: 60 }),
  fc.constantFrom('', 'a', '王', 'A', 'D', 'city', 'cash', 'open', 'en', '2026-11-23', '2026-11-23T02:00:00.000Z', null),
  fc.string({ maxLength: 12 }),
);
const mildEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: mildValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

/**
 * Inputs for one method: anything at all; the method's own shape with one field made hostile; with a
 * prototype key; the shape with one field nudged; and valid inputs from real records.
 */
export function fuzzInput(seed: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const edited = (edit: fc.Arbitrary<Edit>) => fc.tuple(seed, fc.nat(), edit).map(([s, i, e]) => applyEdit(s, i, e));
  return fc.oneof(
    { weight: 2, arbitrary: fc.anything() },
    { weight: 1, arbitrary: hostileValue },
    { weight: 6, arbitrary: edited(hostileEdit) },
    { weight: 2, arbitrary: edited(protoEdit) },
    { weight: 5, arbitrary: edited(mildEdit) },
    { weight: 3, arbitrary: seed },
  );
}
