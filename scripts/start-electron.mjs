// `npm start`: build the Electron app and launch it. Electron fetches its binary on first run; where
// that is impossible (no access to its download host) say so plainly and point at browser mode.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(
    '\nAftercare could not start the desktop app: the Electron binary is not installed and could not be downloaded.\n' +
      `(${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n\n` +
      'Run the same app in a browser window instead:\n\n    npm run web -- --demo\n',
  );
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
