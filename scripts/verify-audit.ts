// `npm run audit:verify -- --data-dir DIR`: recompute the audit log's hash chain and say whether any
// row was changed or deleted. Exit code 0 when intact, 1 when broken.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKysely, openSqlite } from '../src-main/core/db/open';
import { verifyAuditChain } from '../src-main/core/repos/audit-log';
import { DATABASE_FILE_NAME } from '../src-main/core/branch-app';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: process.env.AFTERCARE_DATA_DIR ?? 'data' } } });
const file = path.join(path.resolve(values['data-dir']), DATABASE_FILE_NAME);
if (!existsSync(file)) {
  console.error(`No branch database at ${file}. Pass the data folder: npm run audit:verify -- --data-dir DIR`);
  process.exit(2);
}
const db = createKysely(openSqlite(file, { readonly: true }));
const check = await verifyAuditChain(db);
await db.destroy();
if (check.firstBrokenId === null) {
  console.log(`Audit log intact: ${check.rowsChecked} rows checked (${file}).`);
} else {
  console.error(`Audit log BROKEN at row ${check.firstBrokenId} of ${check.rowsChecked} (${file}): a row was changed or deleted.`);
  process.exit(1);
}
