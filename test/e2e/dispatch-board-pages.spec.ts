import { expect, test, type Page } from '@playwright/test';
import { callApi, demoWebForThisFile, signInAt } from './support/demo-web';

/**
 * The board is sent a page of fifty at a time. With more calls waiting than one page holds, the
 * supervisor sees how many wait in all, pages on, and finds the rest of them in board order.
 */
const web = demoWebForThisFile();

const signIn = (page: Page, username: string, password: string) => signInAt(page, web.url, username, password);

async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  const answer = await callApi<T>(page, web.url, method, input);
  if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

test('the supervisor pages through a board longer than one page', async ({ page }) => {
  // The clerk registers sixty calls for a known customer (through the API: the form is tested elsewhere).
  await signIn(page, 'clerk', 'demo-clerk');
  const [customer] = await api<Array<{ id: number; products: Array<{ id: number }> }>>(page, 'customers.search', { query: '1381234' });
  for (let i = 0; i < 60; i++) {
    await api(page, 'calls.register', { clientRequestId: `board-pages-${i}`, customer: { id: customer!.id }, product: { id: customer!.products[0]!.id }, fault: `第 ${i + 1} 台不制冷` });
  }
  const board = await api<{ total: number; calls: Array<{ number: string }> }>(page, 'calls.dispatchBoard', {});
  expect(board.total).toBeGreaterThanOrEqual(60);

  await page.context().clearCookies();
  await signIn(page, 'supervisor', 'demo-supervisor');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '派工' }).click();
  const table = page.getByRole('table', { name: '派工' }).last();
  await expect(page.getByText(`等待派工或到达：共 ${board.total} 单`)).toBeVisible();
  // Fifty on the first page (plus the header row), in the order the board was sent.
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(table.getByRole('row').nth(1)).toContainText(board.calls[0]!.number);

  await page.getByRole('listitem', { name: '2' }).click();
  const secondPage = await api<{ calls: Array<{ number: string }> }>(page, 'calls.dispatchBoard', { offset: 50 });
  await expect(table.getByRole('row')).toHaveCount(1 + Math.min(50, board.total - 50));
  await expect(table.getByRole('row').nth(1)).toContainText(secondPage.calls[0]!.number);
  await expect(table).not.toContainText(board.calls[0]!.number);
});
