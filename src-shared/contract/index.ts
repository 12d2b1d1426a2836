import type { z } from 'zod';
import { auditMethods } from './audit';
import { authMethods } from './auth';
import { backupMethods } from './backups';
import { callMethods } from './calls';
import { customerMethods } from './customers';
import { dayMethods } from './day';
import type { MethodDef } from './define';
import { goodsMethods } from './goods';
import { printMethods } from './print';
import { reportMethods } from './reports';
import { setupMethods } from './setup';
import { syncMethods } from './sync';
import { userMethods } from './users';

/**
 * The API contract: every operation the renderer may call, by name. It is the only way the renderer
 * reaches data, over Electron IPC or HTTP alike.
 */
export const contract = {
  ...authMethods,
  ...setupMethods,
  ...userMethods,
  ...auditMethods,
  ...customerMethods,
  ...callMethods,
  ...goodsMethods,
  ...dayMethods,
  ...reportMethods,
  ...syncMethods,
  ...printMethods,
  ...backupMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Contract[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type { ApiError, ApiResult, ErrorCode, FieldProblem } from './errors';
export type { Access, Permission, Role } from './roles';
