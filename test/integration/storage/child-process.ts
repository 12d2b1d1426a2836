import { spawn } from 'node:child_process';

export interface KilledRun {
  /** Every line the child printed before it died. */
  lines: string[];
  /** Milliseconds from the trigger line to the kill. */
  killedAfterMs: number;
}

/**
 * Run a TypeScript child (`node --import tsx <script> ...args`), wait for it to print `trigger` (and,
 * if given, for `condition()` to hold, polled every millisecond from then on: e.g. a file appearing),
 * then SIGKILL it `delayMs` later: kill -9, no chance to clean up, like a power cut for the process.
 */
export function runAndKill(script: string, args: string[], trigger: string, delayMs: number, condition?: () => boolean): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let triggeredAt = 0;
    let killedAt = 0;
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (!triggeredAt && out.includes(trigger)) {
        triggeredAt = performance.now();
        const killLater = () =>
          setTimeout(() => {
            killedAt = performance.now();
            child.kill('SIGKILL');
          }, delayMs);
        if (!condition) return void killLater();
        const poll = setInterval(() => {
          if (child.exitCode !== null || child.signalCode !== null) return clearInterval(poll);
          if (!condition()) return;
          clearInterval(poll);
          killLater();
        }, 1);
      }
    });
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ${script} ended by itself (${code}): ${err}`));
      resolve({ lines: out.split('\n').filter(Boolean), killedAfterMs: killedAt - triggeredAt });
    });
  });
}

/** Run a child until it prints `until`, timing the gap from `from` to `until` (then kill it). */
export async function timeBetween(script: string, args: string[], from: string, until: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let startedAt = 0;
    let elapsed = -1;
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (!startedAt && out.includes(from)) startedAt = performance.now();
      if (elapsed < 0 && out.includes(until)) {
        elapsed = performance.now() - startedAt;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    child.on('exit', () => (elapsed >= 0 ? resolve(elapsed) : reject(new Error(`child ${script} never printed ${until}: ${err}`))));
  });
}
