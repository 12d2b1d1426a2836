// A branch app opening a database of an older schema version, to be killed: it prints OPENING just
// before openBranchApp (which backs up, then migrates in one transaction) and MIGRATED once it returned,
// then waits to be killed. The parent kills it with SIGKILL at a chosen moment in between (or after) and
// checks the file holds either the old schema or the new one, whole.
import { openBranchApp } from '../../../src-main/core/branch-app';
import { systemClock } from '../../../src-main/core/clock';

const dataDir = process.argv[2]!;
console.log('OPENING');
await openBranchApp({ dataDir, clock: systemClock, passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
console.log('MIGRATED');
setInterval(() => undefined, 60_000);
