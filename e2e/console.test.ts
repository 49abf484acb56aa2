import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type KouanServer,
  launchBrowser,
  screenshot,
  sharedServer,
  signIn,
  signOut,
} from './harness';

let server: Pick<KouanServer, 'url' | 'dataDir'>;
let browser: Browser;

beforeAll(async () => {
  server = sharedServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('web console in Chromium', () => {
  it('shows the login page in Chinese and refuses a wrong password with the API message', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await expect(page.getByTestId('login-card').textContent()).resolves.toContain('口岸');
    await page.getByLabel('用户名').fill('commerce');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/用户名或密码|密码/);
    await screenshot(page, '01-login-refused');
  });

  it('a regulator signs in and sees the dashboard with data, then drills down to the list', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'commerce');
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('dashboard').waitFor();
    const text = await page.getByTestId('dashboard').textContent();
    expect(text).toContain('备案主体');
    // the demo data files parties: the total is not zero
    const total = await page.locator('.ant-statistic-content-value').first().textContent();
    expect(Number(total?.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.getByTestId('chart-parties-by-kind').locator('canvas').first().waitFor();
    await screenshot(page, '02-regulator-dashboard');
    await page.getByText('待认定经营者').click();
    await page.waitForURL(/\/parties\?recognition=pending/);
    await page.getByTestId('parties-table').waitFor();
    await screenshot(page, '03-parties-drilldown');
  });

  it('switches to English', async () => {
    const { page } = browser;
    await page.getByText('EN', { exact: true }).first().click();
    await page.getByText('Parties registry').first().waitFor();
    await screenshot(page, '04-parties-english');
    await page.getByText('中文', { exact: true }).first().click();
    await page.getByText('主体库').first().waitFor();
  });

  it('a filing with a bad USCI shows the API message under the field and files nothing', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/parties`);
    await page.getByTestId('file-party').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-select-selector').first().click();
    await page.getByTitle('生产企业').click();
    await dialog.getByLabel('名称').fill('温州市测试眼镜厂');
    // a well-formed USCI whose check character is wrong: only the API can tell
    await dialog.getByLabel('统一社会信用代码').fill('91330304MA2TU9W1Y0');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toMatch(/usci/);
    // the same message sits under the USCI input
    await dialog.locator('.ant-form-item-explain-error', { hasText: text ?? '' }).waitFor();
    await screenshot(page, '05a-file-party-refused');
    await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click();
  });

  it('opens a party page with identifiers and history', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/parties`);
    await page.getByTestId('party-link').first().click();
    await page.getByTestId('party-page').waitFor();
    expect(await page.getByTestId('party-page').textContent()).toContain('变更历史');
    await screenshot(page, '05-party-page');
  });

  it('downloads an evidence package and verifies it in the browser on the public page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/evidence`);
    await page.getByTestId('evidence-page').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    // event kinds by name: filter to party filings, and every row listed is one
    await page.getByTestId('evidence-kind-filter').click();
    await page.keyboard.type('主体备案');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => new Set(await page.locator('.ant-table-row td:nth-child(2)').allTextContents()))
      .toEqual(new Set(['主体备案']));
    await screenshot(page, '06-evidence');
    await page.locator('.ant-table-row').first().click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-package').click(),
    ]);
    const file = await download.path();
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    expect(pkg.format).toBe('kouan-evidence-package/1');

    await signOut(page);
    await page.goto(`${server.url}/public/verify`);
    await page.getByTestId('verify-page').waitFor();
    await expect.poll(() => page.getByTestId('verifier-key').inputValue()).toMatch(/\+[0-9a-f]{8}\+/);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('verify-report').waitFor();
    for (const id of ['leaf-hash', 'entry-metadata', 'checkpoint-signature', 'inclusion-proof']) {
      expect(await page.getByTestId(`check-${id}`).getAttribute('data-status')).toBe('passed');
    }
    await screenshot(page, '07-public-verify-passed');

    // a tampered package fails, and the page says which check
    pkg.entry.metadata.subjectId = 'someone-else';
    const tampered = `${file}-tampered.json`;
    (await import('node:fs')).writeFileSync(tampered, JSON.stringify(pkg));
    await page.getByRole('button', { name: /验证其他文件/ }).click();
    await page.locator('input[type=file]').setInputFiles(tampered);
    await page.getByTestId('verify-report').waitFor();
    expect(await page.getByTestId('check-entry-metadata').getAttribute('data-status')).toBe('failed');
    await screenshot(page, '08-public-verify-tampered');
  });

  it('a regulator viewer sees personal information masked', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'market-viewer');
    await page.goto(`${server.url}/parties?kind=purchaser`);
    await page.getByTestId('party-link').filter({ hasText: '*' }).first().click();
    await page.getByTestId('party-page').waitFor();
    const text = await page.getByTestId('party-page').textContent();
    expect(text).toContain('个人信息已按您的角色脱敏显示');
    expect(text).not.toContain('A12345678');
    await screenshot(page, '05b-party-masked');
    await signOut(page);
  });

  it('an enterprise user gets enterprise navigation, without the regulators dashboard', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'supplier');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const nav = await page.getByTestId('nav').textContent();
    expect(nav).not.toContain('监管驾驶舱');
    expect(nav).toContain('主体库');
    await page.goto(`${server.url}/dashboard`);
    await page.getByText('您的角色无权访问此页面').waitFor();
    await screenshot(page, '11-enterprise-no-dashboard');
    await signOut(page);
  });

  it('shows the public zones and recognised operators without signing in', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/public/zones`);
    await page.getByTestId('zones-page').waitFor();
    await page.getByText('WZ-LC-01').waitFor();
    await screenshot(page, '09-public-zones');
    await page.goto(`${server.url}/public/operators`);
    await page.getByTestId('operators-page').waitFor();
    await screenshot(page, '10-public-operators');
  });
});
