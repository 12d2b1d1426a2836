import path from 'node:path';
import { parseArgs } from 'node:util';
import { addBranch, listBranches, rotateBranchSecret } from './admin/branches';
import { addAdminToken, revokeAdminTokens } from './admin/tokens';
import { openHeadOffice } from './app';
import { systemClock } from './clock';
import { migrateHeadOffice } from './db/migrate';
import { openHeadOfficeDb, storeFromEnv } from './db/open';

const USAGE = `Aftercare head office 售后通总部

  npm run headoffice -- [--port N] [--host H] [--data-dir DIR]     start the server (default 127.0.0.1:5190, ./headoffice-data)
  npm run headoffice -- branch add CODE "NAME" [--data-dir DIR]    register a branch; prints its secret once
  npm run headoffice -- branch rotate CODE [--data-dir DIR]        new secret for a branch (the old one stops at once)
  npm run headoffice -- branch list [--data-dir DIR]
  npm run headoffice -- token add NAME [--data-dir DIR]            admin token for the page and the read API; printed once
  npm run headoffice -- token revoke NAME [--data-dir DIR]

Environment: DATABASE_URL=postgres://user@host/db uses PostgreSQL instead of the SQLite file;
HEADOFFICE_DATA_DIR sets the default data folder; HEADOFFICE_TRUST_PROXY=1 behind a TLS proxy.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5190' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const dataDir = path.resolve(values['data-dir'] ?? process.env.HEADOFFICE_DATA_DIR ?? 'headoffice-data');
const store = storeFromEnv(dataDir);

async function admin(command: string, action: string | undefined, args: string[]): Promise<void> {
  const opened = openHeadOfficeDb(store);
  try {
    await migrateHeadOffice(opened.db, { schema: opened.schema });
    const key = `${command} ${action ?? ''}`;
    if (key === 'branch add' && args[0] && args[1]) {
      const secret = await addBranch(opened.db, systemClock, args[0], args[1]);
      console.log(`Branch ${args[0]} registered. Its secret (shown only now; enter it in the branch's sync settings):\n\n  ${secret}\n`);
    } else if (key === 'branch rotate' && args[0]) {
      const secret = await rotateBranchSecret(opened.db, systemClock, args[0]);
      console.log(`New secret for ${args[0]} (shown only now; the old one no longer works):\n\n  ${secret}\n`);
    } else if (key === 'branch list') {
      for (const b of await listBranches(opened.db)) console.log(`${b.code}  ${b.name}  registered ${b.createdAt}${b.secretRotatedAt ? `, secret rotated ${b.secretRotatedAt}` : ''}`);
    } else if (key === 'token add' && args[0]) {
      const token = await addAdminToken(opened.db, systemClock, args[0]);
      console.log(`Admin token "${args[0]}" (shown only now):\n\n  ${token}\n\nUse it to sign in on the web page, or as "Authorization: Bearer <token>".`);
    } else if (key === 'token revoke' && args[0]) {
      console.log(`${await revokeAdminTokens(opened.db, args[0])} token(s) named "${args[0]}" revoked.`);
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await opened.close();
  }
}

async function serve(): Promise<void> {
  const app = await openHeadOffice({ store, logger: { level: process.env.LOG_LEVEL ?? 'info' }, trustProxy: process.env.HEADOFFICE_TRUST_PROXY === '1' });
  const address = await app.server.listen({ port: Number(values.port), host: values.host });
  console.log(`Aftercare head office is running at ${address} (${app.store.describe})`);
  const shutdown = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

try {
  const [command, action, ...args] = positionals;
  if (values.help) console.log(USAGE);
  else if (command === 'branch' || command === 'token') await admin(command, action, args);
  else if (command === undefined) await serve();
  else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
