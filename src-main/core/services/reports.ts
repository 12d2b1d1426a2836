import type { SupervisorDayView, TechnicianDayView } from '../../../src-shared/contract/reports';
import type { SupervisorReportBody, TechnicianLine, TechnicianReportBody } from '../../../src-shared/sync/report-envelope';
import { AppError, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { findBranch } from '../repos/branch';
import { compileDayCounts, compileTechnicianLines, sumByCategory, techniciansWithWork } from '../repos/report-compiler';
import { contentHashOf, enqueueReport, listOutboxForDay } from '../sync';
import { dayContext } from './day-context';

async function technicianById(ctx: OpContext, technicianId: number) {
  const row = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', technicianId).where('role', '=', 'technician').executeTakeFirst();
  if (!row) throw notFound('technician');
  return { id: row.id, code: row.username, name: row.display_name };
}

/** A technician reads and confirms only his own day; the supervisor and the manager read anyone's. */
function whoseDay(ctx: OpContext, technicianId: number | undefined): number {
  const session = signedIn(ctx);
  if (session.role === 'technician') {
    if (technicianId !== undefined && technicianId !== session.userId) throw new AppError('FORBIDDEN', { reasonKey: 'reasons.notYourReport' });
    return session.userId;
  }
  if (technicianId === undefined) throw new AppError('INVALID_INPUT', { fields: [{ path: 'technicianId', messageKey: 'validation.required' }] });
  return technicianId;
}

type SavedDay = { status: string; body_json: string; confirmed_at: string | null; return_comment: string | null };

/** A day as he confirmed it (frozen), or as the records compile it now (open, or returned to him). */
/** `compiledLines`: the day compiled from the records now (not read when the day is confirmed). */
function dayView(technician: TechnicianDayView['technician'], date: string, saved: SavedDay | undefined, compiledLines: TechnicianLine[]): TechnicianDayView {
  if (saved?.status === 'confirmed') {
    const body = JSON.parse(saved.body_json) as TechnicianReportBody;
    return { technician, date, status: 'confirmed', lines: body.lines, totalsByCategory: body.totalsByCategory, confirmedAt: saved.confirmed_at, returnComment: null };
  }
  return { technician, date, status: saved ? 'returned' : 'open', lines: compiledLines, totalsByCategory: sumByCategory(compiledLines), confirmedAt: null, returnComment: saved?.return_comment ?? null };
}

async function technicianDay(ctx: OpContext, technicianId: number, date: string): Promise<TechnicianDayView> {
  const technician = await technicianById(ctx, technicianId);
  const saved = await ctx.db.selectFrom('technician_days').selectAll().where('technician_id', '=', technicianId).where('business_date', '=', date).executeTakeFirst();
  const lines = saved?.status === 'confirmed' ? [] : await compileTechnicianLines(ctx.db, (await dayContext(ctx)).calendar, technicianId, date);
  return dayView(technician, date, saved, lines);
}

export const getTechnicianDay: Handler<'reports.technicianDay'> = async (ctx, input) => technicianDay(ctx, whoseDay(ctx, input.technicianId), input.date);

/**
 * Head office takes at most 24 hours per service category and technician-day (report-envelope.ts). Found
 * by the API fuzz: a day with more (two long admin tasks) was confirmed and signed, then the manager's
 * signature failed with INTERNAL when the report was queued, and the day could never be signed.
 */
const MAX_CATEGORY_MINUTES_PER_DAY = 24 * 60;

function requireWithinDay(totals: TechnicianDayView['totalsByCategory']): void {
  if (Object.values(totals).some((minutes) => minutes > MAX_CATEGORY_MINUTES_PER_DAY)) throw new AppError('CONFLICT', { reasonKey: 'reasons.dayOver24Hours' });
}

async function requireDayNotAwaitingManager(ctx: OpContext, date: string): Promise<void> {
  const final = await ctx.db.selectFrom('supervisor_days').select('id').where('business_date', '=', date).where('manager_signed_at', 'is', null).executeTakeFirst();
  if (final) throw new AppError('CONFLICT', { reasonKey: 'reasons.dayAwaitingManager' });
}

export const addAdminTask: Handler<'reports.addAdminTask'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const current = await technicianDay(ctx, session.userId, input.date);
  if (current.status === 'confirmed') throw new AppError('READ_ONLY', { reasonKey: 'reasons.dayConfirmed' });
  requireWithinDay({ ...current.totalsByCategory, D: current.totalsByCategory.D + input.minutes });
  const row = await ctx.db
    .insertInto('admin_tasks')
    .values({ technician_id: session.userId, business_date: input.date, kind: input.kind, minutes: input.minutes, note: input.note, created_at: ctx.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit('adminTask', row.id, null, input);
  return technicianDay(ctx, session.userId, input.date);
};

/** Freeze the compiled day as the technician confirmed it; a returned day can be confirmed again. */
export const confirmTechnicianDay: Handler<'reports.confirmTechnicianDay'> = async (ctx, input) => {
  const session = signedIn(ctx);
  await requireDayNotAwaitingManager(ctx, input.date);
  const day = await technicianDay(ctx, session.userId, input.date);
  if (day.status === 'confirmed') throw new AppError('CONFLICT', { reasonKey: 'reasons.dayConfirmed' });
  // Labour and on-site lines of one category can add up past a day as well.
  requireWithinDay(day.totalsByCategory);
  const confirmedAt = ctx.now.toISOString();
  const body: TechnicianReportBody = { technician: { code: day.technician.code, name: day.technician.name }, lines: day.lines, totalsByCategory: day.totalsByCategory, confirmedAt };
  const values = { status: 'confirmed' as const, confirmed_at: confirmedAt, body_json: JSON.stringify(body), return_comment: null, returned_at: null };
  await ctx.db
    .insertInto('technician_days')
    .values({ technician_id: session.userId, business_date: input.date, ...values })
    .onConflict((oc) => oc.columns(['technician_id', 'business_date']).doUpdateSet(values))
    .execute();
  ctx.audit('technicianDay', `${session.username}/${input.date}`, { status: day.status }, { status: 'confirmed', totals: day.totalsByCategory });
  return technicianDay(ctx, session.userId, input.date);
};

export const returnTechnicianDay: Handler<'reports.returnTechnicianDay'> = async (ctx, input) => {
  await requireDayNotAwaitingManager(ctx, input.date);
  const saved = await ctx.db.selectFrom('technician_days').selectAll().where('technician_id', '=', input.technicianId).where('business_date', '=', input.date).executeTakeFirst();
  if (saved?.status !== 'confirmed') throw new AppError('CONFLICT', { reasonKey: 'reasons.dayNotConfirmed' });
  await ctx.db.updateTable('technician_days').set({ status: 'returned', return_comment: input.comment, returned_at: ctx.now.toISOString() }).where('id', '=', saved.id).execute();
  ctx.audit('technicianDay', `${input.technicianId}/${input.date}`, { status: 'confirmed' }, { status: 'returned', comment: input.comment });
  return technicianDay(ctx, input.technicianId, input.date);
};

interface BranchTechnicianDay {
  technician: { id: number; code: string; name: string };
  status: TechnicianDayView['status'];
  /** The report as he confirmed it; null while the day is open or returned. Parsed only for the totals. */
  confirmedBodyJson: string | null;
}

/**
 * Technicians with a confirmed day or any work that day, and how far each one's report is: what the
 * branch's day shows and signs. Open days are not compiled line by line (only whether there is work):
 * the supervisor's report carries the totals of confirmed days only.
 */
async function branchTechnicianDays(ctx: OpContext, date: string): Promise<BranchTechnicianDay[]> {
  const technicians = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('role', '=', 'technician').orderBy('id').execute();
  // By technician and day, the table's key (the day alone would scan ten years of days).
  const savedDays = technicians.length === 0 ? [] : await ctx.db.selectFrom('technician_days').select(['technician_id', 'status', 'body_json']).where('technician_id', 'in', technicians.map((t) => t.id)).where('business_date', '=', date).execute();
  const saved = new Map(savedDays.map((d) => [d.technician_id, d]));
  const { calendar } = await dayContext(ctx);
  const working = await techniciansWithWork(
    ctx.db,
    calendar,
    technicians.filter((t) => saved.get(t.id)?.status !== 'confirmed').map((t) => t.id),
    date,
  );
  return technicians.flatMap((t): BranchTechnicianDay[] => {
    const technician = { id: t.id, code: t.username, name: t.display_name };
    const day = saved.get(t.id);
    if (day?.status === 'confirmed') return [{ technician, status: 'confirmed', confirmedBodyJson: day.body_json }];
    return working.has(t.id) ? [{ technician, status: day ? 'returned' : 'open', confirmedBodyJson: null }] : [];
  });
}

/** The supervisor report's rows: each confirmed technician's minutes by category. */
const confirmedRows = (days: BranchTechnicianDay[]) =>
  days.flatMap((d) => {
    if (d.confirmedBodyJson === null) return [];
    const totals = (JSON.parse(d.confirmedBodyJson) as TechnicianReportBody).totalsByCategory;
    return [{ technicianCode: d.technician.code, technicianName: d.technician.name, ...totals }];
  });

async function supervisorDay(ctx: OpContext, date: string): Promise<SupervisorDayView> {
  const latest = await ctx.db
    .selectFrom('supervisor_days as s')
    .innerJoin('users as sup', 'sup.id', 's.supervisor_id')
    .leftJoin('users as mgr', 'mgr.id', 's.manager_id')
    .selectAll('s')
    .select(['sup.display_name as supervisor_name', 'mgr.display_name as manager_name'])
    .where('s.business_date', '=', date)
    .orderBy('s.revision', 'desc')
    .executeTakeFirst();
  const outbox = (await listOutboxForDay(ctx.db, date)).map((o) => ({ reportKey: o.reportKey, kind: o.kind, revision: o.revision, sentAt: o.sentAt, attempts: o.attempts }));
  const days = await branchTechnicianDays(ctx, date);
  const waitingFor = days.filter((d) => d.status !== 'confirmed').map((d) => ({ id: d.technician.id, name: d.technician.name, status: d.status as 'open' | 'returned' }));
  if (latest) {
    const body = JSON.parse(latest.body_json) as Pick<SupervisorReportBody, 'minutesByTechnicianAndCategory' | 'counts'>;
    return {
      date,
      status: latest.manager_signed_at ? 'managerSigned' : 'supervisorSigned',
      revision: latest.revision,
      rows: body.minutesByTechnicianAndCategory,
      counts: body.counts,
      waitingFor,
      supervisorSignedBy: latest.supervisor_name,
      supervisorSignedAt: latest.supervisor_signed_at,
      managerSignedBy: latest.manager_name,
      managerSignedAt: latest.manager_signed_at,
      outbox,
    };
  }
  const { calendar } = await dayContext(ctx);
  return {
    date,
    status: 'draft',
    revision: 1,
    rows: confirmedRows(days),
    counts: await compileDayCounts(ctx.db, calendar, date),
    waitingFor,
    supervisorSignedBy: null,
    supervisorSignedAt: null,
    managerSignedBy: null,
    managerSignedAt: null,
    outbox,
  };
}

export const getSupervisorDay: Handler<'reports.supervisorDay'> = (ctx, input) => supervisorDay(ctx, input.date);

/**
 * The supervisor signs the day once every technician who worked has confirmed. Signing again after
 * the manager signed starts a correction: the next revision, from the day as it stands now.
 */
export const signSupervisorDay: Handler<'reports.signSupervisorDay'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const current = await supervisorDay(ctx, input.date);
  if (current.status === 'supervisorSigned') throw new AppError('CONFLICT', { reasonKey: 'reasons.dayAwaitingManager' });
  if (current.waitingFor.length > 0) throw new AppError('CONFLICT', { reasonKey: 'reasons.techniciansNotConfirmed', params: { names: current.waitingFor.map((w) => w.name).join('、') } });
  const { calendar } = await dayContext(ctx);
  // Nobody is waiting (checked above): every day with work is confirmed, and the report is their totals.
  const days = await branchTechnicianDays(ctx, input.date);
  const body = {
    minutesByTechnicianAndCategory: confirmedRows(days),
    counts: await compileDayCounts(ctx.db, calendar, input.date),
  };
  const revision = current.status === 'managerSigned' ? current.revision + 1 : 1;
  await ctx.db
    .insertInto('supervisor_days')
    .values({ business_date: input.date, revision, supervisor_id: session.userId, supervisor_signed_at: ctx.now.toISOString(), manager_id: null, manager_signed_at: null, body_json: JSON.stringify(body) })
    .execute();
  ctx.audit('supervisorDay', `${input.date}/r${revision}`, null, body);
  return supervisorDay(ctx, input.date);
};

/**
 * The branch manager's signature: the day becomes final, and the supervisor report and every
 * confirmed technician report are queued for head office in this same transaction. A technician report
 * whose content changed since it was last queued goes as its next revision.
 */
export const managerSignDay: Handler<'reports.managerSignDay'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const latest = await ctx.db.selectFrom('supervisor_days').selectAll().where('business_date', '=', input.date).orderBy('revision', 'desc').executeTakeFirst();
  if (!latest || latest.manager_signed_at) throw new AppError('CONFLICT', { reasonKey: 'reasons.dayNotSignedBySupervisor' });
  const at = ctx.now.toISOString();
  const manager = await ctx.db.selectFrom('users').select('display_name').where('id', '=', session.userId).executeTakeFirstOrThrow();
  const supervisor = await ctx.db.selectFrom('users').select('display_name').where('id', '=', latest.supervisor_id).executeTakeFirstOrThrow();
  await ctx.db.updateTable('supervisor_days').set({ manager_id: session.userId, manager_signed_at: at }).where('id', '=', latest.id).execute();

  const branch = (await findBranch(ctx.db))!;
  const partial = JSON.parse(latest.body_json) as Pick<SupervisorReportBody, 'minutesByTechnicianAndCategory' | 'counts'>;
  const supervisorBody: SupervisorReportBody = { ...partial, supervisorSignedBy: supervisor.display_name, supervisorSignedAt: latest.supervisor_signed_at, managerSignedBy: manager.display_name, managerSignedAt: at };
  const queued = await listOutboxForDay(ctx.db, input.date);
  await enqueueReport(ctx.db, { kind: 'supervisor', branchCode: branch.code, reportDate: input.date, technicianCode: null, revision: latest.revision, signedAt: at, signedBy: manager.display_name, body: supervisorBody });

  const confirmed = await ctx.db.selectFrom('technician_days').select(['body_json']).where('business_date', '=', input.date).where('status', '=', 'confirmed').execute();
  for (const day of confirmed) {
    const body = JSON.parse(day.body_json) as TechnicianReportBody;
    const code = body.technician.code;
    const last = queued.filter((q) => q.kind === 'technician' && q.technicianCode === code).sort((a, b) => b.revision - a.revision)[0];
    // Already queued with this very content: nothing new. Changed since: its next revision.
    if (last && last.contentHash === contentHashOf(body)) continue;
    const revision = last ? last.revision + 1 : 1;
    await enqueueReport(ctx.db, { kind: 'technician', branchCode: branch.code, reportDate: input.date, technicianCode: code, revision, signedAt: body.confirmedAt, signedBy: body.technician.name, body });
  }
  ctx.audit('supervisorDay', `${input.date}/r${latest.revision}`, { managerSignedAt: null }, { managerSignedAt: at, queued: confirmed.length + 1 });
  ctx.afterCommit(ctx.config.sendReportsNow);
  return supervisorDay(ctx, input.date);
};
