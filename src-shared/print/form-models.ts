import type { ServiceCategory } from '../domain/categories';

/**
 * What the printed forms print: one plain, JSON-safe view model per form. Records are mapped into these
 * by the main process; the pdfmake builders (src-main/core/print) turn them into documents.
 *
 * Conventions: business days 'yyyy-MM-dd'; instants UTC ISO strings (printed in `timeZone`); money in
 * integer fen; minutes as integers. Labels follow `language`; data is printed as entered.
 */

export const PRINT_LANGUAGES = ['zh-CN', 'en'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

/** The paper a form is laid out for. */
export type PaperSize = 'roll80mm' | 'A5' | 'A4' | 'A4landscape';

/** The receipt is printed on the thermal roll or on A5, as chosen in the settings. */
export type ReceiptPaper = Extract<PaperSize, 'roll80mm' | 'A5'>;

/** Every form carries these. */
export interface PrintCommon {
  /** Labels follow this language; data is printed as entered. */
  language: PrintLanguage;
  /** IANA zone the instants are printed in (the branch's zone), e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** When this copy was printed (UTC ISO). */
  printedAt: string;
  /** null for the first print; for a reprint, when the original was printed (UTC ISO): the form is marked '重印 / reprint'. */
  reprintOf: string | null;
}

export interface PrintBranch {
  code: string;
  name: string;
  address: string;
  phone: string;
}

/** A signature as captured on screen: the signer's name and the drawn image (a PNG data URL) if any. */
export interface PrintSignature {
  name: string;
  /** `data:image/png;base64,...` or null when only the name was taken. */
  imagePng: string | null;
}

/** A sign-off by a named person at an instant (supervisor 验讫, report signatures). */
export interface PrintSignOff {
  name: string;
  at: string;
}

/** 客户商品领取收据: given to the customer when the product is taken to the shop. */
export interface ReceiptModel extends PrintCommon {
  branch: PrintBranch;
  /** e.g. 'BJ01-R2026-000045'; printed as text and as a barcode. */
  receiptNumber: string;
  /** The call-log number the take-in belongs to, e.g. 'BJ01-2026-000123'. */
  callNumber: string | null;
  issuedAt: string;
  customer: { name: string; phone: string };
  product: { model: string; serial: string };
  /** The fault as the customer told it. */
  fault: string;
  condition: string;
  accessories: string;
  promisedDate: string;
  /** Estimated fee for a paid repair, or null when there is none to state. */
  estimatedFeeFen: number | null;
  /** The warranty exclusions in short; null prints the catalogue's standard text. */
  warrantyExclusions: string | null;
  /** The technician or clerk who took the product in. */
  receivedBy: string | null;
  copy: 'customer' | 'shop';
}

export interface PrintPartLine {
  partNo: string;
  name: string;
  qty: number;
  serial: string | null;
}

/** One job on the product's service voucher. */
export interface VoucherJob {
  date: string;
  callNumber: string | null;
  category: ServiceCategory;
  technician: string;
  workDone: string;
  parts: PrintPartLine[];
  feeFen: number;
  /** The customer's signature for the job, or null when not signed (yet). */
  signer: PrintSignature | null;
}

/** 服务凭证: the history card of one product at one customer. */
export interface VoucherModel extends PrintCommon {
  branch: PrintBranch;
  voucherNumber: string;
  customer: { name: string; phone: string; address: string };
  product: {
    model: string;
    serial: string;
    purchaseDate: string | null;
    warrantyEndDate: string | null;
    /** The maintenance contract's last day, or null without a contract. */
    contractEndDate: string | null;
  };
  /** In the order done (oldest first). */
  jobs: VoucherJob[];
}

export interface RepairLabourLine {
  technician: string;
  startedAt: string;
  endedAt: string;
  minutes: number;
  note: string;
}

export interface RepairPartLine extends PrintPartLine {
  unitPriceFen: number;
}

/** A change written on the card after it was signed off. */
export interface RepairAmendment {
  at: string;
  by: string;
  text: string;
}

/** 修护卡: hangs on the product in the shop. */
export interface RepairCardModel extends PrintCommon {
  branch: PrintBranch;
  callNumber: string;
  receiptNumber: string;
  customerName: string;
  product: { model: string; serial: string };
  fault: string;
  takenInAt: string;
  promisedDate: string;
  labour: RepairLabourLine[];
  parts: RepairPartLine[];
  findings: string;
  cause: string;
  /** The supervisor's 验讫, or null while not inspected. */
  signOff: PrintSignOff | null;
  amendments: RepairAmendment[];
}

export interface TechnicianDayLine {
  /** Local 'HH:mm' the work started, or null when not known (e.g. an admin task entered as minutes). */
  time: string | null;
  callNumber: string | null;
  description: string;
  category: ServiceCategory;
  minutes: number;
}

/** 技术员工作日报表. The totals by category are not carried: they are computed from the lines when printed. */
export interface TechnicianDayModel extends PrintCommon {
  branch: PrintBranch;
  technician: { code: string; name: string };
  date: string;
  lines: TechnicianDayLine[];
  /** When the technician confirmed the day, or null while it is open. */
  confirmedAt: string | null;
}

export interface SupervisorDayRow {
  technicianCode: string;
  technicianName: string;
  A: number;
  B: number;
  C: number;
  D: number;
}

export interface SupervisorDayCounts {
  received: number;
  dispatched: number;
  finishedOnSite: number;
  takenIn: number;
  returned: number;
  late: number;
  openAtDayEnd: number;
}

/** 服务主任日报表. Row totals and column totals are computed when printed. */
export interface SupervisorDayModel extends PrintCommon {
  branch: PrintBranch;
  date: string;
  /** Minutes per category for each technician. */
  rows: SupervisorDayRow[];
  counts: SupervisorDayCounts;
  signatures: { supervisor: PrintSignOff | null; manager: PrintSignOff | null };
}

/** One model of each form: what `npm run forms` renders. */
export interface FormModels {
  receipt: ReceiptModel;
  voucher: VoucherModel;
  repairCard: RepairCardModel;
  technicianDay: TechnicianDayModel;
  supervisorDay: SupervisorDayModel;
}
