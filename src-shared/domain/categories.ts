import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/**
 * Service categories (every job and every hour of work is one of these):
 * A 有费服务 paid, B 合同服务 maintenance contract, C 免费服务 free warranty, D 一般行政工作 admin work
 * (never a customer's call).
 */
export const SERVICE_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const CALL_CATEGORIES = ['A', 'B', 'C'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/** What voids the free warranty when noted at intake (warranty rule: not covered). */
export const WARRANTY_EXCLUSIONS = ['misuse', 'forceMajeure', 'selfModified', 'serialUnreadable'] as const;
export type WarrantyExclusion = (typeof WARRANTY_EXCLUSIONS)[number];

export interface CategoryFacts {
  purchaseDate: string | null;
  warrantyMonths: number;
  exclusions: readonly WarrantyExclusion[];
  contract: { start: string; end: string } | null;
}

export type CategoryReason = 'inWarranty' | 'activeContract' | 'warrantyExcluded' | 'outOfWarranty' | 'noPurchaseDate';

/** The last day of the free warranty, or null without a purchase date. */
export function warrantyEndDate(facts: Pick<CategoryFacts, 'purchaseDate' | 'warrantyMonths'>): string | null {
  if (!facts.purchaseDate) return null;
  return format(addMonths(parseISO(facts.purchaseDate), facts.warrantyMonths), 'yyyy-MM-dd');
}

/**
 * The category proposed for a call on `onDate` ('yyyy-MM-dd'): inside warranty and not excluded → C;
 * an active maintenance contract → B; otherwise A (paid). The clerk may override it with a reason.
 */
export function proposeCategory(facts: CategoryFacts, onDate: string): { category: CallCategory; reason: CategoryReason } {
  const end = warrantyEndDate(facts);
  const inWarranty = end !== null && facts.purchaseDate! <= onDate && onDate < end;
  if (inWarranty && facts.exclusions.length === 0) return { category: 'C', reason: 'inWarranty' };
  if (facts.contract && facts.contract.start <= onDate && onDate <= facts.contract.end) return { category: 'B', reason: 'activeContract' };
  if (inWarranty) return { category: 'A', reason: 'warrantyExcluded' };
  return { category: 'A', reason: end === null ? 'noPurchaseDate' : 'outOfWarranty' };
}
