// Build better-sqlite3 for Electron's ABI into build/electron-native/, leaving node_modules built for
// Node (tests, browser mode and head office keep working). The Electron main process loads it through
// better-sqlite3's `nativeBinding` option. Needs internet access for Electron's headers.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sourceDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(path.join(os.tmpdir(), 'aftercare-electron-native-'));
cpSync(sourceDir, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
execFileSync(
  'npx',
  ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--arch=' + process.arch, '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
mkdirSync('build/electron-native', { recursive: true });
cpSync(path.join(work, 'build/Release/better_sqlite3.node'), 'build/electron-native/better_sqlite3.node');
console.log(`better-sqlite3 built for Electron ${electronVersion}: build/electron-native/better_sqlite3.node`);
