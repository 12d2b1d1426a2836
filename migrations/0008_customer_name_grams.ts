import { sql, type Kysely } from 'kysely';

/**
 * Every one- and two-character piece of each customer's name, indexed: a clerk types 小明 or 王 and
 * the trigram index (three characters and up) cannot see it, while a LIKE '%小明%' scanned all names
 * (about 40 ms at 200,000 customers, per keystroke). Filled here for the customers already there;
 * new customers get theirs when they are added (repos/customers.ts).
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customer_name_grams (
      gram TEXT NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      PRIMARY KEY (gram, customer_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX customer_name_grams_customer ON customer_name_grams (customer_id)`.execute(db);
  await sql`
    WITH RECURSIVE at(id, name, i) AS (
      SELECT id, name, 1 FROM customers WHERE length(name) > 0
      UNION ALL SELECT id, name, i + 1 FROM at WHERE i < length(name)
    )
    INSERT OR IGNORE INTO customer_name_grams (gram, customer_id)
    SELECT substr(name, i, 1), id FROM at
    UNION ALL SELECT substr(name, i, 2), id FROM at WHERE i < length(name)`.execute(db);
}
