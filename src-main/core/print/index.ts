/**
 * The printed forms: pure builders (view model + labels → pdfmake document definition; the labels
 * default to the `print` catalogue of the model's language) and the renderer that turns a definition
 * into PDF bytes with the fonts loaded once and no URL or outside file reachable.
 */
export { buildReceipt } from './receipt';
export { buildVoucher } from './voucher';
export { buildRepairCard } from './repair-card';
export { buildTechnicianDay } from './technician-day';
export { buildSupervisorDay } from './supervisor-day';
export { printLabels, type PrintLabels } from './labels';
export { preparePrinting, renderPdf, warmUpPrinting } from './render';
export { locateFonts, loadFonts, type FontOptions } from './fonts';
