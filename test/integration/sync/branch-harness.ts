import { rmSync } from 'node:fs';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import type { Clock } from '../../../src-main/core/clock';
import { enqueueReport, type QueuedReport } from '../../../src-main/core/sync/outbox';
import type { ReportEnvelopeDraft } from '../../../src-shared/sync/report-envelope';
import { CHEAP_SCRYPT, makeTempDir, TEST_BRANCH, TEST_USERS } from '../../helpers/branch';

export interface SyncBranch {
  readonly dataDir: string;
  app: BranchApp;
  /** Queue a report in its own transaction, as the report-signing code does. */
  enqueue(envelope: ReportEnvelopeDraft): Promise<QueuedReport>;
  /** Close the database and open it again from the same folder: a restart of the branch app. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real branch database (all migrations), set up as branch SH02, on a temp folder. */
export async function openSyncBranch(clock: Clock): Promise<SyncBranch> {
  const dataDir = makeTempDir('aftercare-sync-');
  const open = () => openBranchApp({ dataDir, clock, passwordCost: CHEAP_SCRYPT });
  const branch: SyncBranch = {
    dataDir,
    app: await open(),
    enqueue: (envelope) => branch.app.db.transaction().execute((trx) => enqueueReport(trx, envelope)),
    async restart() {
      await branch.app.close();
      branch.app = await open();
    },
    async close() {
      await branch.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const { result } = await branch.app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin: TEST_USERS.admin } });
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result)}`);
  return branch;
}
