// A branch app taking backups back to back, to be killed: it prints `ACK <id>` for each backup only
// after writeBackup returned (the files are synced and renamed into place). The parent kills it with
// SIGKILL at a random moment and checks that every listed backup is whole and no half-written one is
// listed.
import { openBranchApp } from '../../../src-main/core/branch-app';
import { systemClock } from '../../../src-main/core/clock';

const dataDir = process.argv[2]!;
const app = await openBranchApp({ dataDir, clock: systemClock, passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
console.log('READY');
for (;;) {
  const manifest = await app.backups.create('manual', 'child');
  console.log(`ACK ${manifest.id}`);
}
