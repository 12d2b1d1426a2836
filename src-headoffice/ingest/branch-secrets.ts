import type { DirectStore } from '../db/open';

/** A branch's HMAC secret by code, read at the time of the request (a rotation takes effect at once). */
export type SecretLookup = (branchCode: string) => Promise<string | null>;

const SQLITE_SECRET_SQL = 'SELECT secret FROM branches WHERE code = ?';
const POSTGRES_SECRETS_SQL = 'SELECT code, secret FROM branches WHERE code = ANY($1::text[])';

/**
 * Every request reads its branch's secret: nothing is cached, so a rotated secret stops working at
 * once. On SQLite that is one prepared statement; on PostgreSQL the requests that arrive together share
 * one query, each still issued after its request arrived, instead of a round trip each.
 */
export function createSecretLookup(direct: DirectStore): SecretLookup {
  if (direct.kind === 'sqlite') {
    const statement = direct.sqlite.prepare(SQLITE_SECRET_SQL).pluck();
    return async (code) => (statement.get(code) as string | undefined) ?? null;
  }
  const { pool } = direct;
  let waiting = new Map<string, { resolve(secret: string | null): void; reject(error: unknown): void }[]>();

  function flush(): void {
    const asked = waiting;
    waiting = new Map();
    pool.query<{ code: string; secret: string }>({ name: 'headoffice-branch-secrets', text: POSTGRES_SECRETS_SQL, values: [[...asked.keys()]] }).then(
      ({ rows }) => {
        const found = new Map(rows.map((r) => [r.code, r.secret]));
        for (const [code, callers] of asked) for (const c of callers) c.resolve(found.get(code) ?? null);
      },
      (error: unknown) => {
        for (const callers of asked.values()) for (const c of callers) c.reject(error);
      },
    );
  }

  return (code) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setImmediate(flush);
      const callers = waiting.get(code);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(code, [{ resolve, reject }]);
    });
}
