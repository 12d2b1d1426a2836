import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { DatabaseDamagedError } from '../../../src-main/core/db/integrity';

/** What the app does before it writes a byte: one writer per database, and no writing to a damaged file. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-open-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('one writer per database', () => {
  it('browser mode refuses to start on a database another Aftercare holds, and says so', async () => {
    const dataDir = tempDir();
    const first = spawn(process.execPath, ['--import', 'tsx', 'src-main/transports/http/web-cli.ts', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        first.stdout.on('data', (c) => {
          out += String(c);
          if (out.includes('running at')) resolve();
        });
        let err = '';
        first.stderr.on('data', (c) => (err += String(c)));
        first.on('exit', (code) => reject(new Error(`first server exited ${code}: ${err}`)));
      });
      let message = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'src-main/transports/http/web-cli.ts', '--port', '0', '--data-dir', dataDir], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        message = String((error as { stderr?: string }).stderr);
        expect((error as { status?: number }).status).toBe(1);
      }
      expect(message).toContain('already open in another Aftercare');
    } finally {
      // Wait for the exit only if it has not happened already (a server that failed to start is gone).
      if (first.exitCode === null && first.signalCode === null) {
        const exited = new Promise((resolve) => first.on('exit', resolve));
        first.kill('SIGTERM');
        await exited;
      }
    }
  }, 60_000);

  it('takes over the lock of a process that crashed', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'branch.sqlite.lock'), '999999'); // no such process
    const app = await openBranchApp({ dataDir });
    expect(readFileSync(path.join(dataDir, 'branch.sqlite.lock'), 'utf8')).toBe(String(process.pid));
    await app.close();
  });
});

describe('a damaged database at start', () => {
  it('is found by the quick check and never written to', async () => {
    const dataDir = tempDir();
    const app = await openBranchApp({ dataDir });
    await app.dispatch({ method: 'setup.createBranch', input: { branch: { code: 'BJ01', name: '北京海淀服务站', address: '北京市海淀区', phone: '010-62551234' }, admin: { username: 'admin', displayName: '管理员', password: 'admin-password' } } });
    app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await app.close();
    const file = path.join(dataDir, 'branch.sqlite');
    // Garbage over a few pages in the middle of the file.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = sha256(file);
    await expect(openBranchApp({ dataDir })).rejects.toBeInstanceOf(DatabaseDamagedError);
    expect(sha256(file)).toBe(before);
  });
});
