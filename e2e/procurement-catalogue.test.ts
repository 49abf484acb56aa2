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
// this run's own records, apart from the demo week's and the other browser tests'
const RUN = String(Date.now() % 1_000_000).padStart(6, '0');
const PURCHASER = `Almaty Bazaar ${RUN} LLP`;
const AGREEMENT = `WZ-WT-${RUN}`;
const PRODUCT = `儿童运动鞋 ${RUN}`;
const BRAND = `鹏程 ${RUN}`;

const enterprise = (key: string) => {
  const e = demo.enterprises.find((x) => x.key === key);
  if (!e?.partyId) throw new Error(`no demo enterprise ${key}`);
  return e as typeof e & { partyId: string };
};

beforeAll(async () => {
  server = sharedServer();
  browser = await launchBrowser();
  demo = demoCredentials(server);
  // the purchaser is filed in the parties registry first, as the operator's system would
  const response = await fetch(`${server.url}/api/parties`, {
    method: 'POST',
    headers: { 'x-api-key': enterprise('operator').apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      parties: [{ kind: 'purchaser', legalForm: 'organisation', name: PURCHASER, nationality: 'KZ' }],
    }),
  });
  expect(response.status).toBe(201);
  purchaserId = ((await response.json()) as { items: { id: string }[] }).items[0]!.id;
});
afterAll(async () => {
  await browser?.close();
});

describe('goods catalogue and purchaser files in the console', () => {
  it('an operator files the purchaser with its agency agreement', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'operator');
    await page.goto(`${server.url}/procurement/purchaser-files`);
    await page.getByTestId('file-purchaser').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#filePurchaser_purchaserId').fill(purchaserId);
    await dialog.locator('#filePurchaser_number').fill(AGREEMENT);
    // the agreement's digest is computed in the browser from the chosen file
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'agreement.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.4 委托代理出口货物协议 ${AGREEMENT}`),
    });
    await expect.poll(() => dialog.locator('#filePurchaser_sha256').inputValue()).toMatch(/^[0-9a-f]{64}$/);
    await dialog.locator('#filePurchaser_signedOn').click();
    await dialog.locator('#filePurchaser_signedOn').fill('2026-01-05');
    await dialog.locator('#filePurchaser_signedOn').press('Enter');
    await screenshot(page, '30-operator-file-purchaser');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('purchaser-files-table');
    await table.getByText(AGREEMENT).waitFor();
    // the purchaser and the operator are shown by name, not by id
    expect(await table.textContent()).toContain(PURCHASER);
    expect(await table.textContent()).toContain(enterprise('operator').name ?? '');
    await screenshot(page, '31-operator-purchaser-files');
    // filing the same purchaser again: the API's message shows under the purchaser field
    await page.getByTestId('file-purchaser').click();
    await dialog.locator('#filePurchaser_purchaserId').fill(purchaserId);
    await dialog.locator('#filePurchaser_number').fill(`${AGREEMENT}-2`);
    await dialog.locator('#filePurchaser_sha256').fill('cd'.repeat(32));
    await dialog.locator('#filePurchaser_signedOn').click();
    await dialog.locator('#filePurchaser_signedOn').fill('2026-02-01');
    await dialog.locator('#filePurchaser_signedOn').press('Enter');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.getByTestId('form-error').waitFor();
    expect(await dialog.locator('.ant-form-item-explain-error').first().textContent()).toContain(
      '已有该经营者的档案',
    );
    await screenshot(page, '31b-operator-purchaser-already-filed');
    await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOut(page);
  });

  it('a supplier registers branded goods in its catalogue, checked in the browser as the API checks', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'supplier');
    await page.goto(`${server.url}/procurement/catalogue`);
    await page.getByTestId('register-product').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#registerProduct_name').fill(PRODUCT);
    await dialog.locator('#registerProduct_hsCode').fill('64039');
    await dialog.locator('#registerProduct_referencePrice').fill('8.5');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    // validated in the browser as the API validates: an HS code is 6 to 10 digits
    await dialog.getByText('商品编码为 6 至 10 位数字').waitFor();
    await dialog.locator('#registerProduct_hsCode').fill('6403990090');
    // a brand asks for the brand owner's authorisation
    await dialog.locator('#registerProduct_brand').fill(BRAND);
    await dialog.locator('#registerProduct_brandAuthorisation').fill(`SQ-${RUN}`);
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'authorisation.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.4 品牌授权书 ${BRAND}`),
    });
    await expect.poll(() => dialog.locator('#registerProduct_sha256').inputValue()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, '32-supplier-register-goods');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('catalogue-table');
    await table.getByText(PRODUCT).waitFor();
    const text = await table.textContent();
    expect(text).toContain('8.50000 USD');
    expect(text).toContain(`SQ-${RUN}`);
    await screenshot(page, '33-supplier-catalogue');
  });

  it('the supplier sells the new goods to the filed purchaser', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/procurement/transactions`);
    await page.getByTestId('register-transaction').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('operator-select').click();
    await page.keyboard.type('瓯越');
    await page.keyboard.press('Enter');
    await dialog.locator('#registerTransaction_purchaserId').fill(purchaserId);
    await dialog.getByTestId('product-select').click();
    await page.keyboard.type(PRODUCT);
    await page.keyboard.press('Enter');
    // the catalogue's reference price fills the unit price
    expect(await dialog.locator('#registerTransaction_lines_0_unitPrice').inputValue()).toBe('8.50000');
    await dialog.locator('#registerTransaction_lines_0_quantity').fill('1200');
    await screenshot(page, '34-supplier-sell-catalogue-goods');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('transactions-table');
    await table.getByText('10200.00 USD').waitFor();
    expect(await table.textContent()).toContain(PURCHASER);
    await screenshot(page, '35-supplier-transactions-named');
    await signOut(page);
  });

  it('a commerce officer puts the purchaser on the bad-purchaser list and takes it off, with reasons', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'commerce');
    await page.goto(`${server.url}/procurement/bad-purchasers`);
    await page.getByTestId('add-bad-purchaser').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#badPurchaser_purchaserId').fill(purchaserId);
    await dialog.locator('#badPurchaser_reason').fill('拖欠货款，经核实');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = page.getByTestId('bad-purchasers-table');
    const row = table.locator('.ant-table-row', { hasText: PURCHASER });
    await row.waitFor();
    expect(await row.textContent()).toContain('拖欠货款，经核实');
    await screenshot(page, '36-commerce-bad-purchasers');
    await row.getByTestId('remove-bad-purchaser').click();
    await dialog.locator('#badPurchaser_reason').fill('货款已结清');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    await signOut(page);
  });
});
