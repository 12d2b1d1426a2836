/**
 * The life of a line in the call-log book (叫修登记簿):
 * registered → dispatched → arrived → finishedOnSite → closed, or
 * arrived → takenIn → (repair card) → returned → closed; cancelled from an open state before the goods
 * are taken in. A re-dispatch keeps the call dispatched with another technician.
 */
export const CALL_STATUSES = ['registered', 'dispatched', 'arrived', 'finishedOnSite', 'takenIn', 'returned', 'closed', 'cancelled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export type CallAction = 'dispatch' | 'arrive' | 'finishOnSite' | 'takeIn' | 'returnGoods' | 'close' | 'cancel';

const TRANSITIONS: Readonly<Record<CallAction, { from: readonly CallStatus[]; to: CallStatus }>> = Object.freeze({
  dispatch: { from: ['registered', 'dispatched'], to: 'dispatched' },
  arrive: { from: ['dispatched'], to: 'arrived' },
  finishOnSite: { from: ['arrived'], to: 'finishedOnSite' },
  takeIn: { from: ['arrived'], to: 'takenIn' },
  returnGoods: { from: ['takenIn'], to: 'returned' },
  close: { from: ['finishedOnSite', 'returned'], to: 'closed' },
  cancel: { from: ['registered', 'dispatched', 'arrived'], to: 'cancelled' },
});

export const OPEN_STATUSES: readonly CallStatus[] = ['registered', 'dispatched', 'arrived', 'finishedOnSite', 'takenIn', 'returned'];

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: CallStatus, action: CallAction): CallStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : null;
}

export function isOpen(status: CallStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
