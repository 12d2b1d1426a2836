/**
 * Roles and permissions. Runs anywhere.
 *
 * A method in the contract names the permission it needs; which role holds which permission is data
 * kept in the main process (src-main/core/permissions.ts), so the renderer can never grant itself one.
 */
export const ROLES = ['clerk', 'supervisor', 'technician', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.manage',
  'settings.manage',
  'audit.read',
  'calls.read',
  'calls.register',
  'calls.cancel',
  'calls.close',
  'calls.dispatch',
  'calls.recordVisit',
  'customers.manage',
  'goods.takeIn',
  'goods.return',
  'goods.voidLostReceipt',
  'repairCards.edit',
  'repairCards.signOff',
  'reports.technician',
  'reports.supervisor',
  'reports.managerSign',
  /** The branch's month summary (supervisor, branch manager). */
  'reports.month',
  'sync.manage',
  /** Receive the cash technicians collected on site (the branch's cashier work). */
  'cashier.receive',
  'backups.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who may call a method: anyone (login, first-run setup), any signed-in user, or a permission holder. */
export type Access = 'public' | 'signedIn' | Permission;
