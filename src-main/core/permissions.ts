import type { Permission, Role } from '../../src-shared/contract/roles';

/**
 * The role matrix: which role may do what. Data, in the main process only; the router checks it on
 * every call, whatever the UI shows. A permission test calls every method as every role against it.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  clerk: ['calls.read', 'calls.register', 'calls.cancel', 'calls.close', 'customers.manage', 'goods.takeIn', 'goods.return', 'cashier.receive'],
  supervisor: [
    'calls.read',
    'calls.register',
    'calls.cancel',
    'calls.dispatch',
    'customers.manage',
    'goods.takeIn',
    'goods.return',
    'goods.voidLostReceipt',
    'repairCards.signOff',
    'reports.supervisor',
    'reports.month',
    'sync.manage',
    'audit.read',
  ],
  technician: ['calls.read', 'calls.recordVisit', 'goods.takeIn', 'repairCards.edit', 'reports.technician'],
  manager: ['calls.read', 'reports.managerSign', 'reports.month', 'cashier.receive', 'users.manage', 'audit.read', 'sync.manage', 'backups.manage'],
  admin: ['users.manage', 'settings.manage', 'audit.read', 'sync.manage', 'backups.manage'],
});

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
