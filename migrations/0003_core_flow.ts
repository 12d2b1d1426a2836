import { sql, type Kysely } from 'kysely';

/**
 * The repair-call flow: customers and their products, one service voucher per product, the call-log
 * book, the goods ledger with its receipts, and repair cards. Signed records are made read-only by
 * triggers, so not even a bug in the app can edit them.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);

  await run(sql`
    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_initials TEXT NOT NULL,
      address TEXT NOT NULL,
      district TEXT NOT NULL CHECK (district IN ('city','suburb')),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT`);
  await run(sql`CREATE INDEX customers_name ON customers (name)`);
  await run(sql`CREATE INDEX customers_initials ON customers (name_initials)`);

  await run(sql`
    CREATE TABLE customer_phones (
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      phone TEXT NOT NULL,
      digits TEXT NOT NULL,
      PRIMARY KEY (customer_id, digits)
    ) STRICT, WITHOUT ROWID`);
  await run(sql`CREATE INDEX customer_phones_digits ON customer_phones (digits)`);

  await run(sql`
    CREATE TABLE products (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      model TEXT NOT NULL,
      serial TEXT NOT NULL,
      purchase_date TEXT,
      warranty_months INTEGER NOT NULL CHECK (warranty_months >= 0),
      exclusions_json TEXT NOT NULL DEFAULT '[]',
      contract_number TEXT,
      contract_start TEXT,
      contract_end TEXT,
      created_at TEXT NOT NULL
    ) STRICT`);
  await run(sql`CREATE INDEX products_customer ON products (customer_id)`);
  await run(sql`CREATE INDEX products_serial ON products (serial)`);

  // Substring search over names, addresses, phones and serials (3+ characters); shorter queries use the
  // prefix indexes above.
  await run(sql`
    CREATE VIRTUAL TABLE customer_search USING fts5 (
      text, content='', contentless_delete=1, tokenize='trigram'
    )`);

  await run(sql`
    CREATE TABLE book_counters (
      book TEXT NOT NULL,
      year INTEGER NOT NULL,
      last_seq INTEGER NOT NULL,
      PRIMARY KEY (book, year)
    ) STRICT, WITHOUT ROWID`);

  await run(sql`
    CREATE TABLE vouchers (
      id INTEGER PRIMARY KEY,
      product_id INTEGER NOT NULL UNIQUE REFERENCES products (id),
      created_at TEXT NOT NULL
    ) STRICT`);

  await run(sql`
    CREATE TABLE calls (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      product_id INTEGER NOT NULL REFERENCES products (id),
      fault TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('A','B','C')),
      proposed_category TEXT NOT NULL CHECK (proposed_category IN ('A','B','C')),
      override_reason TEXT,
      district TEXT NOT NULL CHECK (district IN ('city','suburb')),
      called_at TEXT NOT NULL,
      business_date TEXT NOT NULL,
      deadline_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('registered','dispatched','arrived','finishedOnSite','takenIn','returned','closed','cancelled')),
      technician_id INTEGER REFERENCES users (id),
      dispatched_at TEXT,
      first_dispatch_date TEXT,
      arrived_at TEXT,
      is_late INTEGER NOT NULL DEFAULT 0 CHECK (is_late IN (0,1)),
      finished_at TEXT,
      work_done TEXT,
      work_started_at TEXT,
      work_ended_at TEXT,
      labour_fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (labour_fee_fen >= 0),
      parts_fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (parts_fee_fen >= 0),
      payment TEXT CHECK (payment IN ('cash','invoice')),
      cancel_reason TEXT,
      closed_at TEXT,
      client_request_id TEXT UNIQUE,
      created_by INTEGER NOT NULL REFERENCES users (id),
      UNIQUE (year, seq)
    ) STRICT`);
  await run(sql`CREATE INDEX calls_business_date ON calls (business_date)`);
  await run(sql`CREATE INDEX calls_product ON calls (product_id)`);
  await run(sql`CREATE INDEX calls_customer ON calls (customer_id)`);
  await run(sql`CREATE INDEX calls_technician ON calls (technician_id, status)`);
  // The dispatch board and the open book read only open calls: a partial index keeps them cheap.
  await run(sql`
    CREATE INDEX calls_open ON calls (deadline_at)
    WHERE status IN ('registered','dispatched','arrived','finishedOnSite','takenIn','returned')`);
  await run(sql`
    CREATE TRIGGER calls_closed_read_only BEFORE UPDATE ON calls
    WHEN OLD.status IN ('closed','cancelled')
    BEGIN SELECT RAISE(ABORT, 'read-only record: closed or cancelled call'); END`);
  await run(sql`
    CREATE TRIGGER calls_no_delete BEFORE DELETE ON calls
    BEGIN SELECT RAISE(ABORT, 'read-only record: the call-log book has no holes'); END`);

  await run(sql`
    CREATE TABLE call_events (
      id INTEGER PRIMARY KEY,
      call_id INTEGER NOT NULL REFERENCES calls (id),
      at TEXT NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users (id),
      event TEXT NOT NULL,
      details_json TEXT NOT NULL DEFAULT '{}'
    ) STRICT`);
  await run(sql`CREATE INDEX call_events_call ON call_events (call_id)`);

  await run(sql`
    CREATE TABLE onsite_parts (
      id INTEGER PRIMARY KEY,
      call_id INTEGER NOT NULL REFERENCES calls (id),
      part_no TEXT NOT NULL,
      name TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      serial TEXT,
      unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0)
    ) STRICT`);
  await run(sql`CREATE INDEX onsite_parts_call ON onsite_parts (call_id)`);

  // One line per job on the product's voucher: what was done and who signed for it.
  await run(sql`
    CREATE TABLE voucher_entries (
      id INTEGER PRIMARY KEY,
      voucher_id INTEGER NOT NULL REFERENCES vouchers (id),
      call_id INTEGER NOT NULL REFERENCES calls (id),
      kind TEXT NOT NULL CHECK (kind IN ('finishedOnSite','takenIn','returned')),
      at TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('A','B','C')),
      technician_id INTEGER REFERENCES users (id),
      work_done TEXT NOT NULL,
      parts_text TEXT NOT NULL DEFAULT '',
      fee_fen INTEGER NOT NULL DEFAULT 0,
      signer_name TEXT NOT NULL,
      signature_png TEXT
    ) STRICT`);
  await run(sql`CREATE INDEX voucher_entries_voucher ON voucher_entries (voucher_id)`);
  await run(sql`CREATE INDEX voucher_entries_call ON voucher_entries (call_id)`);
  await run(sql`
    CREATE TRIGGER voucher_entries_signed_no_update BEFORE UPDATE ON voucher_entries
    BEGIN SELECT RAISE(ABORT, 'read-only record: signed voucher entry'); END`);
  await run(sql`
    CREATE TRIGGER voucher_entries_signed_no_delete BEFORE DELETE ON voucher_entries
    BEGIN SELECT RAISE(ABORT, 'read-only record: signed voucher entry'); END`);

  await run(sql`
    CREATE TABLE receipts (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      call_id INTEGER NOT NULL UNIQUE REFERENCES calls (id),
      issued_at TEXT NOT NULL,
      condition TEXT NOT NULL,
      accessories TEXT NOT NULL,
      promised_date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('outstanding','voided')),
      voided_at TEXT,
      void_reason TEXT CHECK (void_reason IN ('returned','lost')),
      lost_id_seen TEXT,
      lost_note TEXT,
      voided_by INTEGER REFERENCES users (id),
      UNIQUE (year, seq),
      CHECK ((status = 'outstanding') = (voided_at IS NULL))
    ) STRICT`);
  // A receipt is voided exactly once: once voided it never changes again.
  await run(sql`
    CREATE TRIGGER receipts_voided_read_only BEFORE UPDATE ON receipts
    WHEN OLD.status = 'voided'
    BEGIN SELECT RAISE(ABORT, 'read-only record: voided receipt'); END`);
  await run(sql`
    CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
    BEGIN SELECT RAISE(ABORT, 'read-only record: receipts are never deleted'); END`);

  await run(sql`
    CREATE TABLE goods_ledger (
      id INTEGER PRIMARY KEY,
      receipt_id INTEGER NOT NULL UNIQUE REFERENCES receipts (id),
      call_id INTEGER NOT NULL REFERENCES calls (id),
      product_id INTEGER NOT NULL REFERENCES products (id),
      date_in TEXT NOT NULL,
      brought_by INTEGER NOT NULL REFERENCES users (id),
      date_out TEXT
    ) STRICT`);
  await run(sql`CREATE INDEX goods_ledger_in_shop ON goods_ledger (date_in) WHERE date_out IS NULL`);

  await run(sql`
    CREATE TABLE repair_cards (
      id INTEGER PRIMARY KEY,
      call_id INTEGER NOT NULL UNIQUE REFERENCES calls (id),
      receipt_id INTEGER NOT NULL REFERENCES receipts (id),
      findings TEXT NOT NULL DEFAULT '',
      cause TEXT NOT NULL DEFAULT '',
      help_requested_at TEXT,
      help_note TEXT,
      signed_off_by INTEGER REFERENCES users (id),
      signed_off_at TEXT,
      opened_at TEXT NOT NULL
    ) STRICT`);
  await run(sql`
    CREATE TRIGGER repair_cards_signed_read_only BEFORE UPDATE ON repair_cards
    WHEN OLD.signed_off_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'read-only record: signed-off repair card'); END`);

  await run(sql`
    CREATE TABLE repair_labour (
      id INTEGER PRIMARY KEY,
      card_id INTEGER NOT NULL REFERENCES repair_cards (id),
      technician_id INTEGER NOT NULL REFERENCES users (id),
      started_at TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes > 0),
      note TEXT NOT NULL DEFAULT '',
      is_amendment INTEGER NOT NULL DEFAULT 0 CHECK (is_amendment IN (0,1)),
      CHECK (ended_at > started_at)
    ) STRICT`);
  await run(sql`CREATE INDEX repair_labour_card ON repair_labour (card_id)`);
  await run(sql`CREATE INDEX repair_labour_technician ON repair_labour (technician_id, started_at)`);

  await run(sql`
    CREATE TABLE repair_parts (
      id INTEGER PRIMARY KEY,
      card_id INTEGER NOT NULL REFERENCES repair_cards (id),
      part_no TEXT NOT NULL,
      name TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      serial TEXT,
      unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
      is_amendment INTEGER NOT NULL DEFAULT 0 CHECK (is_amendment IN (0,1))
    ) STRICT`);
  await run(sql`CREATE INDEX repair_parts_card ON repair_parts (card_id)`);

  // Lines of a signed-off card are read-only; after sign-off only amendment lines may be added.
  for (const table of ['repair_labour', 'repair_parts']) {
    await run(sql.raw(`
      CREATE TRIGGER ${table}_signed_no_insert BEFORE INSERT ON ${table}
      WHEN NEW.is_amendment = 0 AND (SELECT signed_off_at FROM repair_cards WHERE id = NEW.card_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'read-only record: signed-off repair card'); END`));
    await run(sql.raw(`
      CREATE TRIGGER ${table}_signed_no_update BEFORE UPDATE ON ${table}
      WHEN (SELECT signed_off_at FROM repair_cards WHERE id = OLD.card_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'read-only record: signed-off repair card'); END`));
    await run(sql.raw(`
      CREATE TRIGGER ${table}_signed_no_delete BEFORE DELETE ON ${table}
      WHEN (SELECT signed_off_at FROM repair_cards WHERE id = OLD.card_id) IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'read-only record: signed-off repair card'); END`));
  }
}
