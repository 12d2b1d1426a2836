import type { CallDetail } from '../../../src-shared/contract/calls';
import { nextStatus, type CallAction, type CallStatus } from '../../../src-shared/domain/call-states';
import { AppError, invalidTransition, notFound } from '../app-error';
import type { OpContext } from '../operation';
import { signedIn } from '../operation';
import { findCall, loadCallDetail, type CallRow } from '../repos/calls';
import { dayContext } from './day-context';

/** The call, or NOT_FOUND. */
export async function requireCall(ctx: OpContext, callId: number): Promise<CallRow> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw notFound('call');
  return call;
}

/** The status `action` leads to, or a clear INVALID_TRANSITION naming the current status. */
export function requireTransition(call: CallRow, action: CallAction): CallStatus {
  const next = nextStatus(call.status, action);
  if (!next) throw invalidTransition(`transitions.${action}`, { status: call.status, number: call.number });
  return next;
}

/** A technician may only record work on calls dispatched to him; other roles act for the branch. */
export function requireOwnCallIfTechnician(ctx: OpContext, call: CallRow): void {
  const session = signedIn(ctx);
  if (session.role === 'technician' && call.technician_id !== session.userId) {
    throw new AppError('FORBIDDEN', { reasonKey: 'reasons.notYourCall' });
  }
}

export function fieldError(path: string, messageKey: string): AppError {
  return new AppError('INVALID_INPUT', { fields: [{ path, messageKey }] });
}

/** The call as every call operation returns it, read inside the same transaction. */
export async function callDetail(ctx: OpContext, callId: number): Promise<CallDetail> {
  const { today, nowIso } = await dayContext(ctx);
  const detail = await loadCallDetail(ctx.db, callId, today, nowIso);
  if (!detail) throw notFound('call');
  return detail;
}

/**
 * The opening of every call action: the signed-in caller, the call, the status the action leads to,
 * and (for arrive, finish, take in) the rule that a technician acts only on calls dispatched to him.
 */
export async function beginCallAction(ctx: OpContext, callId: number, action: CallAction, options: { ownCallIfTechnician: boolean }) {
  const session = signedIn(ctx);
  const call = await requireCall(ctx, callId);
  const next = requireTransition(call, action);
  if (options.ownCallIfTechnician) requireOwnCallIfTechnician(ctx, call);
  return { session, call, next };
}
