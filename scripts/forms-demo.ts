// The form models of the demo branch, read from its records exactly as `print.form` reads them, for
// `npm run forms -- --demo --out DIR`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBranchApp } from '../src-main/core/branch-app';
import { fixedClock } from '../src-main/core/clock';
import { seedDemoBranch } from '../src-main/core/demo/demo-branch';
import { loadCalendar } from '../src-main/core/repos/settings';
import { printBranch, receiptModel, repairCardModel, supervisorDayModel, technicianDayModel, voucherModel } from '../src-main/core/repos/print-models';
import { localDateOf } from '../src-shared/domain/working-calendar';
import type { SupervisorDayView, TechnicianDayView } from '../src-shared/contract/reports';
import type { FormModels, PrintLanguage } from '../src-shared/print/form-models';

/** Demo branch at a fixed weekday afternoon, so the forms look the same on every run. */
const DEMO_NOW = new Date('2026-11-23T08:00:00.000Z');

export async function demoFormModels(language: PrintLanguage = 'zh-CN'): Promise<FormModels> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-forms-demo-'));
  const app = await openBranchApp({ dataDir, clock: fixedClock(DEMO_NOW), passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
  try {
    await seedDemoBranch(app.dispatch, DEMO_NOW);
    const calendar = await loadCalendar(app.db);
    const today = localDateOf(calendar, DEMO_NOW.toISOString());
    const common = { language, timeZone: calendar.timeZone, printedAt: DEMO_NOW.toISOString(), reprintOf: null };
    const receipt = await app.db.selectFrom('receipts').select('number').where('status', '=', 'outstanding').executeTakeFirstOrThrow();
    const card = await app.db.selectFrom('repair_cards').select(['id', 'call_id']).orderBy('id').executeTakeFirstOrThrow();
    const product = await app.db.selectFrom('calls').select('product_id').where('id', '=', card.call_id).executeTakeFirstOrThrow();

    // The daily reports through the operations, as the screens see them.
    const login = async (username: string, password: string) => {
      const outcome = await app.dispatch({ method: 'auth.login', input: { username, password } });
      if (!outcome.sessionChange || !('set' in outcome.sessionChange)) throw new Error(`demo: ${username} cannot sign in`);
      return outcome.sessionChange.set.token;
    };
    const call = async <T>(token: string, method: string, input: unknown): Promise<T> => {
      const { result } = await app.dispatch({ method, input, token });
      if (!result.ok) throw new Error(`demo: ${method} refused: ${JSON.stringify(result.error)}`);
      return result.data as T;
    };
    const tech = await login('tech1', 'demo-tech1');
    await call(tech, 'reports.addAdminTask', { date: today, kind: 'toolUpkeep', minutes: 30, note: '检修真空泵' });
    const technicianDay = await call<TechnicianDayView>(tech, 'reports.confirmTechnicianDay', { date: today });
    const supervisor = await login('supervisor', 'demo-supervisor');
    await call(supervisor, 'reports.signSupervisorDay', { date: today });
    const supervisorDay = await call<SupervisorDayView>(await login('manager', 'demo-manager'), 'reports.managerSignDay', { date: today });

    const branch = await printBranch(app.db);
    return {
      receipt: (await receiptModel(app.db, receipt.number, common, 'customer'))!,
      voucher: (await voucherModel(app.db, product.product_id, common))!,
      repairCard: (await repairCardModel(app.db, card.id, today, common))!,
      technicianDay: technicianDayModel(technicianDay, branch, common),
      supervisorDay: supervisorDayModel(supervisorDay, branch, common),
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
