import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the app compiles; beyond it the least recently used are dropped. */
const DEFAULT_CAPACITY = 1000;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements kept and reused.
 *
 * Kysely prepares every query anew; SQLite then parses and plans the same SQL on every call, which
 * costs more than running it for the small queries a clerk's keystroke or a report upload makes.
 * Kysely compiles a query to the same SQL text every time (values are parameters), so the text is a
 * good key. A statement still being iterated (a streamed query) is busy and cannot be shared: then a
 * fresh one is prepared.
 */
export function withStatementCache(sqlite: Database.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map keeps insertion order: re-inserting marks it the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement as unknown as SqliteStatement;
    },
    close(): void {
      cache.clear();
      sqlite.close();
    },
  };
}
