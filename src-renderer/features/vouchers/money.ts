/** Money on screen in yuan with two decimals; across the contract always integer fen. */
export const formatYuan = (fen: number) => (fen / 100).toFixed(2);

/** Yuan as typed (a number or text such as "80" or "80.5") to integer fen; null when it is not money. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return 0;
  const value = typeof yuan === 'number' ? yuan : Number(String(yuan).trim());
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.round(value * 100);
}
