import type { Handlers } from './operation';
import * as audit from './services/audit';
import * as auth from './services/auth';
import * as backups from './services/backups';
import * as calls from './services/calls';
import * as cashier from './services/cashier';
import * as customers from './services/customers';
import * as day from './services/day';
import * as dispatchBoard from './services/dispatch-board';
import * as goods from './services/goods';
import * as monthSummary from './services/month-summary';
import * as print from './services/print';
import * as repairCards from './services/repair-cards';
import * as reports from './services/reports';
import * as setup from './services/setup';
import * as sync from './services/sync';
import * as users from './services/users';
import * as visits from './services/visits';

/** Every contract method and the service function that carries it out. */
export const handlers: Handlers = Object.freeze({
  'auth.login': auth.login,
  'auth.logout': auth.logout,
  'auth.me': auth.me,
  'profile.setLanguage': auth.setLanguage,
  'setup.status': setup.status,
  'setup.createBranch': setup.createBranch,
  'users.list': users.list,
  'users.create': users.create,
  'users.unlock': users.unlock,
  'audit.recent': audit.recent,
  'audit.verifyChain': audit.verifyChain,
  'customers.search': customers.search,
  'customers.get': customers.get,
  'customers.create': customers.create,
  'customers.update': customers.update,
  'products.add': customers.addProduct,
  'products.update': customers.updateProductDetails,
  'products.proposeCategory': customers.proposeCategory,
  'calls.register': calls.register,
  'calls.list': calls.list,
  'calls.get': calls.get,
  'calls.dispatchBoard': dispatchBoard.board,
  'calls.dispatch': calls.dispatch,
  'calls.arrive': calls.arrive,
  'calls.finishOnSite': visits.finishOnSite,
  'calls.takeIn': visits.takeIn,
  'calls.close': calls.close,
  'calls.cancel': calls.cancel,
  'technicians.list': dispatchBoard.technicians,
  'goods.list': goods.list,
  'goods.return': goods.returnGoods,
  'goods.checkReceipts': goods.checkReceipts,
  'repairCards.list': repairCards.list,
  'repairCards.get': repairCards.get,
  'repairCards.addLabour': repairCards.addLabour,
  'repairCards.addPart': repairCards.addPart,
  'repairCards.recordFindings': repairCards.recordFindings,
  'repairCards.askForHelp': repairCards.askForHelp,
  'repairCards.signOff': repairCards.signOff,
  'day.check': day.check,
  'cashier.day': cashier.cashierDay,
  'cashier.recordHandover': cashier.recordHandover,
  'settings.getCalendar': day.getCalendar,
  'settings.setCalendar': day.setCalendar,
  'reports.technicianDay': reports.getTechnicianDay,
  'reports.addAdminTask': reports.addAdminTask,
  'reports.confirmTechnicianDay': reports.confirmTechnicianDay,
  'reports.returnTechnicianDay': reports.returnTechnicianDay,
  'reports.supervisorDay': reports.getSupervisorDay,
  'reports.signSupervisorDay': reports.signSupervisorDay,
  'reports.managerSignDay': reports.managerSignDay,
  'reports.monthSummary': monthSummary.monthSummary,
  'sync.status': sync.status,
  'sync.sendNow': sync.sendNow,
  'sync.configure': sync.configure,
  'print.form': print.printForm,
  'print.getSettings': print.getPrintSettings,
  'print.setSettings': print.setPrintSettings,
  'backups.list': backups.list,
  'backups.create': backups.create,
  'backups.restore': backups.restore,
});
