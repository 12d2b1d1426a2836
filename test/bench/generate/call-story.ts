import type { CallCategory, CategoryReason } from '../../../src-shared/domain/categories';
import { addWorkingMs, deadlineOf, localDate, localDayIndex, localMidnight } from './business-time';
import { customersExistingAt, SALT, type CustomerFile, type ProductFacts } from './customers';
import { Random } from './random';
import type { Scale } from './scale';
import { ACCESSORIES, CANCEL_REASONS, CONDITIONS, HELP_NOTES, OVERRIDE_REASONS, PRODUCT_KINDS } from './vocabulary';

/**
 * The whole life of one call as it would have happened, as instants (epoch ms), from the seed and the
 * call's index alone: the writer then keeps what had happened by "now" (an event after now has not
 * happened yet, so recent calls are open in every state). Pure and deterministic, so the receipt
 * numbering pass can replay it.
 */

export interface StaffMember {
  id: number;
  username: string;
  name: string;
}

export interface Staff {
  clerks: StaffMember[];
  supervisors: StaffMember[];
  technicians: StaffMember[];
}

export interface PartLine {
  partNo: string;
  name: string;
  quantity: number;
  serial: string | null;
  unitPriceFen: number;
}

export interface LabourLine {
  technician: StaffMember;
  startedAt: number;
  endedAt: number;
  minutes: number;
  note: string;
}

export interface CallStory {
  calledAt: number;
  customerIndex: number;
  product: ProductFacts;
  district: 'city' | 'suburb';
  businessDate: string;
  category: CallCategory;
  proposed: { category: CallCategory; reason: CategoryReason };
  overrideReason: string | null;
  deadline: number;
  clerk: StaffMember;
  fault: string;
  clientRequestId: string;
  dispatches: Array<{ at: number; technician: StaffMember; by: StaffMember }>;
  arrivedAt: number | null;
  cancel: { at: number; reason: string; by: StaffMember } | null;
  onSite: { startedAt: number; endedAt: number; finishedAt: number; workDone: string; parts: PartLine[]; labourFeeFen: number; payment: 'cash' | 'invoice' | null } | null;
  takeIn: {
    at: number;
    promisedDate: string;
    condition: string;
    accessories: string;
    labour: LabourLine[];
    parts: PartLine[];
    findings: string;
    cause: string;
    findingsAt: number;
    help: { at: number; note: string } | null;
    signOffAt: number | null;
    signOffBy: StaffMember;
    returnAt: number | null;
    returnBy: StaffMember;
    labourFeeFen: number;
    payment: 'cash' | 'invoice' | null;
  } | null;
  closeAt: number | null;
  closeBy: StaffMember;
}

const MIN = 60_000;

/** The product's proposeCategory rule, on the product's own precomputed warranty end (checked on a sample). */
export function proposeFast(p: ProductFacts, onDate: string): { category: CallCategory; reason: CategoryReason } {
  const end = p.warrantyEnd;
  const inWarranty = end !== null && p.purchaseDate! <= onDate && onDate < end;
  if (inWarranty && p.exclusions.length === 0) return { category: 'C', reason: 'inWarranty' };
  if (p.contract && p.contract.start <= onDate && onDate <= p.contract.end) return { category: 'B', reason: 'activeContract' };
  if (inWarranty) return { category: 'A', reason: 'warrantyExcluded' };
  return { category: 'A', reason: end === null ? 'noPurchaseDate' : 'outOfWarranty' };
}

function pickProduct(rng: Random, file: CustomerFile, customerIndex: number, at: number): ProductFacts {
  const all = file.productsOfCustomer.slice(file.productStart[customerIndex], file.productStart[customerIndex + 1]);
  const owned = all.filter((p) => p.createdAt <= at);
  // The first product is as old as the customer; the fallback only absorbs floating-point rounding.
  return owned.length > 0 ? rng.pick(owned) : all[0]!;
}

function parts(rng: Random, kind: number, count: number): PartLine[] {
  const catalogue = PRODUCT_KINDS[kind]!.parts;
  return Array.from({ length: count }, () => {
    const p = rng.pick(catalogue);
    return { partNo: p.partNo, name: p.name, quantity: rng.chance(0.9) ? 1 : 2, serial: rng.chance(0.5) ? `${p.partNo}-${rng.chars('0123456789ABCDEF', 6)}` : null, unitPriceFen: p.priceFen };
  });
}

const payment = (rng: Random, feeFen: number) => (feeFen > 0 ? (rng.chance(0.6) ? 'cash' : 'invoice') : null);

/** Most a technician is booked in a day: on-site jobs, and repair-shop labour. */
const ON_SITE_CAP_MIN = 900;
const LABOUR_CAP_MIN = 300;

/**
 * Who works when, so no technician's day holds more hours than a day has (the report schema refuses
 * more than 24 hours in a category, as it should). Calls are told in index order in every pass, so the
 * bookings, and the stories, come out the same each time.
 */
export class Schedule {
  private readonly onSite = new Map<number, number>();
  private readonly labour = new Map<number, number>();

  constructor(private readonly technicians: number) {}

  /** The first technician from `start` on (round robin) with room for `minutes` on-site that day; booked. */
  bookOnSite(start: number, day: number, minutes: number): number {
    for (let k = 0; k < this.technicians; k++) {
      const t = (start + k) % this.technicians;
      const key = t * 1_000_000 + day;
      const booked = this.onSite.get(key) ?? 0;
      if (booked + minutes <= ON_SITE_CAP_MIN) {
        this.onSite.set(key, booked + minutes);
        return t;
      }
    }
    return start % this.technicians;
  }

  /** Books shop labour if technician `t` has room that day. */
  tryBookLabour(t: number, day: number, minutes: number): boolean {
    const key = t * 1_000_000 + day;
    const booked = this.labour.get(key) ?? 0;
    if (booked + minutes > LABOUR_CAP_MIN) return false;
    this.labour.set(key, booked + minutes);
    return true;
  }
}

export function tellCall(seed: number, index: number, calledAt: number, scale: Scale, file: CustomerFile, staff: Staff, schedule: Schedule): CallStory {
  const rng = Random.for(seed, SALT.call, index);
  const customerIndex = rng.int(0, customersExistingAt(calledAt, scale.customers) - 1);
  const product = pickProduct(rng, file, customerIndex, calledAt);
  const kind = PRODUCT_KINDS[product.kind]!;
  const district = file.districts[customerIndex]!;
  const businessDate = localDate(calledAt);
  const proposed = proposeFast(product, businessDate);
  let category = proposed.category;
  let overrideReason: string | null = null;
  if (rng.chance(0.02)) {
    category = proposed.category === 'A' ? 'C' : 'A';
    overrideReason = rng.pick(OVERRIDE_REASONS);
  }
  const story: CallStory = {
    calledAt, customerIndex, product, district, businessDate, category, proposed, overrideReason,
    deadline: deadlineOf(calledAt, district),
    clerk: rng.pick(staff.clerks),
    fault: rng.pick(kind.faults),
    clientRequestId: rng.uuid(index),
    dispatches: [], arrivedAt: null, cancel: null, onSite: null, takeIn: null, closeAt: null,
    closeBy: rng.pick(staff.clerks),
  };
  const supervisor = rng.pick(staff.supervisors);
  const techs = staff.technicians;
  // Round robin over the call index spreads a day's calls evenly (about five jobs a technician).
  const roundRobin = index % techs.length;
  const technician = techs[roundRobin]!;
  // A quarter are dispatched first thing the next working day (carried over); the rest within hours.
  const firstDispatch = rng.chance(0.25) ? addWorkingMs(calledAt + 86_400_000, rng.int(0, 90) * MIN) : addWorkingMs(calledAt, rng.int(5, 150) * MIN);
  // Rarely a call is forgotten for good at some step: the book keeps it open for years.
  const stuck = rng.chance(0.001) ? rng.weighted(['notDispatched', 'notArrived', 'notClosed', 'neverCollected'] as const, [0.1, 0.1, 6, 4]) : null;

  if (rng.chance(0.03)) {
    const at = calledAt + rng.int(30, 1200) * MIN;
    if (firstDispatch < at) story.dispatches.push({ at: firstDispatch, technician, by: supervisor });
    story.cancel = { at, reason: rng.pick(CANCEL_REASONS), by: rng.chance(0.5) ? story.clerk : supervisor };
    return story;
  }
  if (stuck === 'notDispatched') return story;
  // Now and then the supervisor sends someone else before the first one gets there.
  const redispatchAt = rng.chance(0.03) && techs.length > 1 ? addWorkingMs(firstDispatch, rng.int(20, 120) * MIN) : null;
  const workerStart = redispatchAt === null ? roundRobin : (roundRobin + 1 + rng.int(0, techs.length - 2)) % techs.length;
  const dispatchTo = (worker: number) => {
    story.dispatches.push({ at: firstDispatch, technician: redispatchAt === null ? techs[worker]! : technician, by: supervisor });
    if (redispatchAt !== null) story.dispatches.push({ at: redispatchAt, technician: techs[worker]!, by: supervisor });
  };
  if (stuck === 'notArrived') {
    dispatchTo(workerStart);
    return story;
  }
  const arrivedAt = addWorkingMs(redispatchAt ?? firstDispatch, rng.int(30, 300) * MIN);
  story.arrivedAt = arrivedAt;

  if (rng.chance(scale.takeInShare)) {
    dispatchTo(workerStart);
    const at = arrivedAt + rng.int(20, 60) * MIN;
    const labour: LabourLine[] = [];
    let cursor = at;
    for (let n = rng.weighted([1, 2, 3], [60, 30, 10]); n > 0; n--) {
      const minutes = rng.int(30, 180);
      const who = rng.chance(0.9) ? workerStart : rng.int(0, techs.length - 1);
      let startedAt = addWorkingMs(cursor, rng.int(60, 1500) * MIN);
      // A full bench that day: the line waits for the next working day.
      while (!schedule.tryBookLabour(who, localDayIndex(startedAt), minutes)) startedAt = addWorkingMs(localMidnight(localDayIndex(startedAt) + 1), rng.int(0, 120) * MIN);
      labour.push({ technician: techs[who]!, startedAt, endedAt: startedAt + minutes * MIN, minutes, note: rng.chance(0.5) ? rng.pick(kind.work) : '' });
      cursor = startedAt + minutes * MIN;
    }
    // 2.5 lines a card on average: 400,000 cards, a million parts lines.
    const cardParts = parts(rng, product.kind, rng.weighted([0, 1, 2, 3, 4, 5], [8, 15, 28, 25, 15, 9]));
    const signOffAt = addWorkingMs(cursor, rng.int(10, 600) * MIN);
    const returnAt = addWorkingMs(signOffAt, rng.int(30, 2400) * MIN);
    const labourFeeFen = category === 'A' ? rng.int(10, 60) * 500 : 0;
    const partsFen = category === 'A' ? cardParts.reduce((s, p) => s + p.quantity * p.unitPriceFen, 0) : 0;
    story.takeIn = {
      at, promisedDate: localDate(at + rng.int(3, 10) * 86_400_000), condition: rng.pick(CONDITIONS), accessories: rng.pick(ACCESSORIES),
      labour, parts: cardParts, findings: rng.pick(kind.findings), cause: rng.pick(kind.causes), findingsAt: labour[0]!.endedAt,
      help: rng.chance(0.05) ? { at: labour[0]!.startedAt + 30 * MIN, note: rng.pick(HELP_NOTES) } : null,
      signOffAt, signOffBy: supervisor,
      returnAt: stuck === 'neverCollected' ? null : returnAt,
      returnBy: story.closeBy, labourFeeFen, payment: payment(rng, labourFeeFen + partsFen),
    };
    if (stuck !== 'neverCollected' && stuck !== 'notClosed') story.closeAt = addWorkingMs(returnAt, rng.int(5, 1200) * MIN);
    return story;
  }

  const startedAt = arrivedAt + rng.int(0, 10) * MIN;
  const workMinutes = rng.int(20, 120);
  const endedAt = startedAt + workMinutes * MIN;
  const finishedAt = endedAt + rng.int(1, 5) * MIN;
  dispatchTo(schedule.bookOnSite(workerStart, localDayIndex(startedAt), workMinutes));
  const onSiteParts = rng.chance(0.3) ? parts(rng, product.kind, rng.int(1, 2)) : [];
  const labourFeeFen = category === 'A' ? rng.int(10, 60) * 500 : 0;
  const partsFen = category === 'A' ? onSiteParts.reduce((s, p) => s + p.quantity * p.unitPriceFen, 0) : 0;
  story.onSite = { startedAt, endedAt, finishedAt, workDone: rng.pick(kind.work), parts: onSiteParts, labourFeeFen, payment: payment(rng, labourFeeFen + partsFen) };
  if (stuck !== 'notClosed') story.closeAt = addWorkingMs(finishedAt, rng.int(30, 2400) * MIN);
  return story;
}
