import { existsSync, mkdtempSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openBranchApp } from '../../core/branch-app';
import { DatabaseDamagedError } from '../../core/db/integrity';
import { SchemaTooNewError } from '../../core/db/migrate';
import { DatabaseInUseError } from '../../core/db/writer-lock';
import { DEMO_BRANCH, DEMO_USERS, seedDemoBranch } from '../../core/demo/demo-branch';
import { createHttpServer } from './server';

/**
 * `npm run web -- [--demo] [--port N] [--host H] [--data-dir DIR]`: the app in a browser window.
 * Loopback only unless a host is given explicitly.
 */
const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '5180' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
  },
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = values['data-dir']
  ? path.resolve(values['data-dir'])
  : values.demo
    ? mkdtempSync(path.join(os.tmpdir(), 'aftercare-demo-'))
    : path.resolve(process.env.AFTERCARE_DATA_DIR ?? 'data');

// Say so before touching any data: the page cannot be served without the built renderer.
const staticDir = path.join(repoRoot, 'out/renderer');
if (!existsSync(staticDir)) {
  console.error(`Aftercare cannot start: the renderer is not built (${staticDir} is missing). Run \`npm run build:web\`, or start with \`npm run web\`, which builds it.`);
  process.exit(1);
}

const cannotOpen = (error: Error) => console.error(`Aftercare cannot open its data: ${error.message}`);
const app = await openBranchApp({ dataDir, logError: (message, error) => console.error(message, error) }).catch((error: unknown) => {
  // A database held by another Aftercare, damaged, or from a newer version: say so plainly, change nothing.
  if (error instanceof DatabaseInUseError || error instanceof DatabaseDamagedError || error instanceof SchemaTooNewError) {
    cannotOpen(error);
    process.exit(1);
  }
  throw error;
});
if (values.demo) {
  const status = await app.dispatch({ method: 'setup.status', input: {} });
  if (status.result.ok && !(status.result.data as { isSetUp: boolean }).isSetUp) await seedDemoBranch(app.dispatch, new Date());
}
app.startSync();
// A demo database is thrown away: backing it up every day would only fill the temp folder.
if (!values.demo) app.startBackups();
// A machine name given with --host must also be accepted in the Host header (DNS-rebinding guard).
const allowedHostNames = isIP(values.host) === 0 && values.host !== 'localhost' ? [values.host] : [];
const server = await createHttpServer({ dispatch: app.dispatch, staticDir, allowedHostNames });
const address = await server.listen({ port: Number(values.port), host: values.host });

console.log(`Aftercare 售后通 is running at ${address.replace('[::1]', 'localhost')}`);
console.log(`Data: ${app.file}`);
if (values.demo) {
  console.log(`Demo branch ${DEMO_BRANCH.code} ${DEMO_BRANCH.name}. Users (username / password):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.username.padEnd(11)} ${u.password}   ${u.displayName}`);
}

async function shutdown(code = 0): Promise<void> {
  await server.close();
  await app.close();
  process.exit(code);
}
// A large file is checked while the first pages are served; damage found then ends browser mode as it
// does at open (nothing was written meanwhile: every write waited for the check).
void app.integrity.then((verdict) => {
  if (verdict.state !== 'damaged') return;
  cannotOpen(verdict.error);
  void shutdown(1);
});
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
