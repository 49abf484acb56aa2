import { containerCheckDigit } from '@kouan/domain/procurement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type DemoCredentials,
  demoCredentials,
  type KouanServer,
  launchBrowser,
  screenshot,
  sharedServer,
  signIn,
  signOut,
} from './harness';

let server: Pick<KouanServer, 'url' | 'dataDir'>;
let browser: Browser;
let demo: DemoCredentials;
let purchaserId: string;
let declarationNo: string;
// this run's own records: the demo week has its own products and containers
const RUN = String(Date.now() % 1_000_000).padStart(6, '0');
const PRODUCTS = [`男式真皮休闲鞋 ${RUN}`, `女式凉鞋 ${RUN}`];
const firstTen = `KOUU${RUN}`;
const CONTAINER_NO = `${firstTen}${containerCheckDigit(firstTen)}`;

const enterprise = (key: string) => {
  const e = demo.enterprises.find((x) => x.key === key);
  if (!e?.partyId) throw new Error(`no demo enterprise ${key}`);
  return e as typeof e & { partyId: string };
};

async function api(method: string, path: string, apiKey: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  server = sharedServer();
  browser = await launchBrowser();
  demo = demoCredentials(server);
  // What must exist before a sale, set up through the API as the enterprises' systems would:
  // the supplier's catalogue and the operator's file on the purchaser (agency agreement).
  const supplier = enterprise('supplier');
  const operator = enterprise('operator');
  for (const name of PRODUCTS) {
    await api('POST', '/api/procurement/products', supplier.apiKey, {
      supplierId: supplier.partyId,
      name,
      hsCode: '6403990090',
      unit: '双',
      referencePrice: '12.50',
      currency: 'USD',
    });
  }
  const filed = await api('POST', '/api/parties', operator.apiKey, {
    parties: [
      {
        kind: 'purchaser',
        legalForm: 'organisation',
        name: `Dubai Souq Trading ${RUN} LLC`,
        nationality: 'AE',
      },
    ],
  });
  purchaserId = filed.items[0].id;
  await api('POST', '/api/procurement/purchaser-files', operator.apiKey, {
    operatorId: operator.partyId,
    purchaserId,
    agreement: { number: `WZ-AG-${RUN}`, sha256: 'ab'.repeat(32), signedOn: '2026-01-05' },
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('market procurement in the console', () => {
  it('a supplier registers a transaction of USD 200,000 in two lines', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'supplier');
    await page.goto(`${server.url}/procurement/transactions`);
    await page.getByTestId('register-transaction').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('operator-select').click();
    await page.keyboard.type('瓯越');
    await page.keyboard.press('Enter');
    await dialog.locator('#registerTransaction_purchaserId').fill(purchaserId);
    await dialog.getByRole('button', { name: /添加商品行/ }).click();
    const products = dialog.getByTestId('product-select');
    for (const [i, name] of PRODUCTS.entries()) {
      await products.nth(i).click();
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await dialog.locator(`#registerTransaction_lines_${i}_quantity`).fill('8000');
    }
    await screenshot(page, '20-supplier-register-transaction');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('transaction-link').first().waitFor();
    const table = await page.getByTestId('transactions-table').textContent();
    expect(table).toContain('200000.00 USD');
    expect(table).toContain('已登记');
    await screenshot(page, '21-supplier-transactions');
    await signOut(page);
  });

  it('the operator packs it into a container and generates the declarations, split at USD 150,000', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'operator');
    await page.goto(`${server.url}/procurement/containers`);
    await page.getByTestId('pack-container').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#packContainer_containerNo').fill(CONTAINER_NO);
    await dialog.locator('#packContainer_sealNo').fill('WZ2026001');
    await dialog.locator('#packContainer_grossWeightKg').fill('9800');
    await dialog.locator('#packContainer_netWeightKg').fill('9200');
    // pack this run's two lines (the demo week left other sales waiting too)
    for (const name of PRODUCTS) {
      await dialog.getByPlaceholder('按商品、交易或供货商筛选').fill(name);
      await dialog.locator('.ant-table-row', { hasText: name }).locator('.ant-checkbox-input').check();
    }
    await screenshot(page, '22-operator-pack-container');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // packing done, the generate dialog follows
    const generate = page.getByRole('dialog').filter({ hasText: '生成报关单' });
    await generate.locator('#generateDeclarations_brokerId').fill(enterprise('broker').partyId);
    await generate.getByRole('button', { name: /生成报关单/ }).click();
    const split = page.getByTestId('split-result');
    await split.waitFor();
    const text = await split.textContent();
    expect(text).toContain('2 票报关单');
    await screenshot(page, '23-operator-declarations-split');
    declarationNo = (await split.locator('tbody tr a').first().textContent()) ?? '';
    expect(declarationNo).not.toBe('');
    await split.locator('tbody tr a').first().click();
    await page.getByTestId('declaration-page').waitFor();
    expect(await page.getByTestId('declaration-page').textContent()).toContain('第 1/2 票');
    await page.getByTestId('trace-graph').locator('canvas').first().waitFor();
    await screenshot(page, '24-operator-declaration');
    await signOut(page);
  });

  it('a customs officer traces the declaration to its container, transactions and parties', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'customs');
    await page.goto(`${server.url}/procurement/trace`);
    await page.getByPlaceholder('报关单编号 / 海关报关单号').fill(declarationNo);
    await page.getByPlaceholder('报关单编号 / 海关报关单号').press('Enter');
    await page.getByTestId('trace-graph').locator('canvas').first().waitFor();
    const text = await page.getByTestId('trace-page').textContent();
    expect(text).toContain(CONTAINER_NO);
    await page.waitForTimeout(800); // let the force layout settle for the screenshot
    await screenshot(page, '25-customs-trace');
    await page.goto(`${server.url}/procurement/declarations`);
    await page.getByTestId('declaration-link').first().waitFor();
    expect(await page.getByTestId('declarations-table').textContent()).toContain(declarationNo);
    await screenshot(page, '26-customs-declarations');
    // the dashboard counts the two declarations of this month, by zone and by destination
    await page.goto(`${server.url}/dashboard`);
    await page.getByText('本月市场采购申报金额（美元）· 按集聚区').waitFor();
    expect(await page.getByTestId('dashboard').textContent()).toContain('已生成');
    await screenshot(page, '27-dashboard-with-procurement');
  });
});
