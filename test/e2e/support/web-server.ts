import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningWeb {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Start browser mode exactly as a user does (`web-cli.ts --demo`), on a free loopback port and a fresh
 * data folder, and wait for the URL it prints. The renderer must already be built (`npm run test:e2e`).
 */
export async function startWeb(args: string[] = ['--demo'], options: { dataDir?: string; startTimeoutMs?: number } = {}): Promise<RunningWeb> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'aftercare-e2e-'));
  // Node itself with tsx's loader (not `npx tsx`, whose wrapper would survive a SIGTERM and leave the
  // server running): stop() then ends the very process that serves.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src-main/transports/http/web-cli.ts', ...args, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), options.startTimeoutMs ?? 30_000);
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
