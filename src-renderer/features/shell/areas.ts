/** The areas of the navigation frame, in the order a branch's day runs through them. */
export const AREAS = ['callLog', 'dispatch', 'vouchers', 'goodsLedger', 'repairCards', 'reports', 'customers', 'settings'] as const;
export type Area = (typeof AREAS)[number];

export const areaPath = (area: Area) => `/${area.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
