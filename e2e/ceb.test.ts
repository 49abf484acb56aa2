import { readFileSync } from 'node:fs';
import { signCebXml } from '@kouan/domain/xmldsig';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleSet } from '../apps/server/src/workflows/ceb-sample-sets';
import { loadDemoSigningKeys } from '../apps/server/src/workflows/demo-certificates';
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
let set: ReturnType<typeof buildSampleSet>;

const enterprise = (key: string) => {
  const e = demo.enterprises.find((x) => x.key === key) as
    | (DemoCredentials['enterprises'][number] & { customsCode: string; name: string })
    | undefined;
  if (!e) throw new Error(`no demo enterprise ${key}`);
  return e;
};

async function submit(key: string, xml: string) {
  const response = await fetch(`${server.url}/api/ceb/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': enterprise(key).apiKey,
      'content-type': 'application/xml',
      accept: 'application/json',
    },
    body: xml,
  });
  if (!response.ok) throw new Error(`submit as ${key}: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  server = sharedServer();
  browser = await launchBrowser();
  demo = demoCredentials(server);
  const party = (key: string) => ({ code: enterprise(key).customsCode, name: enterprise(key).name });
  const brokerKey = loadDemoSigningKeys(server.dataDir).find((k) => k.enterpriseKey === 'broker');
  if (!brokerKey) throw new Error('no demo signing key for the broker');
  const n = String(Date.now() % 1_000_000_000);
  const sample = () =>
    buildSampleSet({
      parties: {
        ebp: party('ebp'),
        ebc: party('ebc'),
        payment: party('payment'),
        logistics: party('logistics'),
        agent: party('broker'),
      },
      orderNo: `ORD${n}`,
      logisticsNo: `YT${n}`,
      payTransactionId: `PAY${n}`,
      buyer: {
        name: '张伟',
        idNumber: '330106198803150417',
        phone: '13812345678',
        address: '浙江省杭州市西湖区文三路478号',
      },
      lines: [
        { gcode: '1901101000', name: '婴儿配方奶粉 900克', qty: '2', price: '169.00' },
        { gcode: '2106909090', name: '维生素C泡腾片 60片', qty: '1', price: '60.00' },
      ],
      at: new Date(),
      signInventory: (xml) =>
        signCebXml({
          xml,
          privateKeyPem: brokerKey.privateKeyPem,
          certificatePem: brokerKey.certificatePem,
          algorithm: brokerKey.algorithm,
        }),
    });
  set = sample();
  // the platform, payment and logistics enterprises' systems send their documents
  await submit('ebc', set.order);
  await submit('payment', set.payment);
  await submit('logistics', set.waybill);
  // and the enterprise's system sends the same order number again, as a new order: refused
  await submit('ebc', sample().order);
});
afterAll(async () => {
  await browser?.close();
});

describe('cross-border e-commerce in the console', () => {
  it('the broker checks, then sends the inventory from the submit page and sees the receipt', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'broker');
    await page.goto(`${server.url}/ceb/submit`);
    await page.getByTestId('submit-page').waitFor();
    // A value changed after signing: the check says the signed digest does not match, and how.
    const altered = set.inventory.replace(/<ceb:grossWeight>[^<]+</, '<ceb:grossWeight>9.999<');
    await page.getByPlaceholder('或在此粘贴报文').fill(altered);
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByTestId('conformance-report').waitFor();
    const failed = page.getByTestId('conformance-report');
    expect(await failed.textContent()).toContain('发现 1 个问题');
    const verdict = await page.getByTestId('signature-verdict').textContent();
    expect(verdict).toContain('-621028');
    expect(verdict).toContain('digest_mismatch 摘要值不符');
    expect(verdict).toContain('按报文重新计算的摘要值');
    await screenshot(page, '29-broker-check-finds-altered-inventory');
    await page.getByPlaceholder('或在此粘贴报文').fill(set.inventory);
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText('全部检查通过，可以正式申报').waitFor();
    expect(await page.getByTestId('signature-verdict').textContent()).toContain('签名有效');
    await page.locator('.ant-switch').click();
    // sent for real, the altered one is refused (and not kept): the page says so, not just "HTTP 200"
    await page.getByPlaceholder('或在此粘贴报文').fill(altered);
    await page.getByRole('button', { name: /申\s*报/ }).click();
    await page.getByText('1 个业务单元被退回').waitFor();
    expect(await page.getByTestId('receipt-view').textContent()).toContain('-621028');
    await page.getByPlaceholder('或在此粘贴报文').fill(set.inventory);
    await page.getByRole('button', { name: /申\s*报/ }).click();
    await page.getByText('报文已受理').waitFor();
    expect(await page.getByTestId('receipt-view').textContent()).toContain('进口清单回执 CEB622');
    await screenshot(page, '30-broker-submit-inventory');
    await signOut(page);
  });

  it('a customs officer opens the four-document view of the released order and closes it', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'customs');
    await page.goto(`${server.url}/ceb/inventories?orderNo=${set.orderNo}`);
    await page.getByTestId('order-link').first().click();
    await page.getByTestId('order-page').waitFor();
    for (const kind of ['order', 'payment', 'waybill', 'inventory']) {
      expect(await page.getByTestId(`doc-${kind}`).textContent()).toContain('已收到');
    }
    // fields carry the spec's Chinese names, and coded values their meaning
    const order = page.getByTestId('doc-order');
    expect(await order.textContent()).toContain('订单编号');
    expect(await order.textContent()).toContain('1 新增');
    expect(await order.textContent()).not.toContain('收货人姓名');
    await page.getByTestId('all-fields-order').click();
    expect(await order.textContent()).toContain('收货人姓名');
    // the goods lines, one click away
    await page.getByTestId('lines-order').click();
    const lines = page.getByRole('dialog');
    await lines.getByText('婴儿配方奶粉 900克').first().waitFor();
    expect(await lines.textContent()).toContain('商品名称');
    await lines.locator('.ant-modal-close').click();
    await lines.waitFor({ state: 'hidden' });
    // receipts by name, with their status spelled out
    expect(await page.getByTestId('order-page').textContent()).toContain('进口清单回执 CEB622');
    expect(await page.getByTestId('order-page').textContent()).toContain('800 放行');
    await screenshot(page, '31-customs-four-documents');
    // the order exactly as the e-commerce enterprise sent it, one click away
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('original-order').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^CEB311Message-.+\.xml$/);
    expect(readFileSync(await download.path(), 'utf8')).toBe(set.order);
    // every check passed, so the platform released it on arrival; the timeline says so
    expect(await page.getByTestId('order-page').textContent()).toContain('自动放行');
    await page.getByTestId('customs-action').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-select-selector').click();
    // pick the option itself (typing and Enter can race the list and keep the default, 放行)
    await page.locator('.ant-select-item-option', { hasText: '结关' }).click();
    await dialog.locator('.ant-select-selection-item', { hasText: '结关' }).waitFor();
    await dialog.locator('#customsAction_reason').fill('货物已运抵，结关');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('order-page').getByText('货物已运抵，结关').first().waitFor();
    await screenshot(page, '32-customs-closed');
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('chart-ceb-status').locator('canvas').first().waitFor();
    await screenshot(page, '34-dashboard-with-ceb');
    await signOut(page);
  });

  it('the e-commerce enterprise sees its receipts, newest first, and finds the refused one', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'ebc');
    await page.goto(`${server.url}/ceb/receipts`);
    const receipts = page.getByTestId('receipts-page');
    await receipts.locator('.ant-table-row').first().waitFor();
    expect(await receipts.textContent()).toContain('电子订单回执 CEB312');
    // only errors, newest first: the refusal of the repeated order is on the first page (the demo
    // traffic refused many before it), with its order number, code and reason
    await page.getByTestId('errors-only').click();
    // the filtered list is in once every row shown is a refusal (the order's own 120 is gone)
    await expect
      .poll(async () => {
        const statuses = await receipts.locator('.ant-table-row .ant-tag').allTextContents();
        return statuses.length > 0 && statuses.every((status) => /^-\d+/u.test(status));
      })
      .toBe(true);
    const refusal = receipts.locator('.ant-table-row', { hasText: set.orderNo });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('-301010');
    expect(await refusal.getByTestId('receipt-info').textContent()).toContain(set.orderNo);
    await screenshot(page, '33-ebc-receipts');
  });
});
