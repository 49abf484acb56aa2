/**
 * Browser-test harness: starts a real Kouan server (the same entry point as `npm start`) on a free
 * port with a fresh data directory and the demo data, and drives Debian's Chromium through
 * playwright-core with a fresh profile. Screenshots go to e2e/artifacts/ (git-ignored).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS_DIR = path.join(ROOT, 'e2e', 'artifacts');
export const CHROMIUM = process.env.KOUAN_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Kouan@2026';
const START_TIMEOUT_MS = 300_000;

export type KouanServer = { url: string; dataDir: string; stop: () => Promise<void> };

/** Starts `apps/server/src/main.ts` with PORT=0 and waits for the demo logins it prints once seeded. */
export async function startServer(): Promise<KouanServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kouan-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KOUAN_DATA_DIR: dataDir,
      KOUAN_DEMO: 'true',
      LOG_LEVEL: 'warn',
      INIT_CWD: ROOT,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Kouan did not start in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /URL:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('demo-credentials.json')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Kouan exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server the global setup started (e2e/global-setup.ts). */
export function sharedServer(): Pick<KouanServer, 'url' | 'dataDir'> {
  return inject('kouan');
}

export type DemoCredentials = {
  enterprises: { key: string; username: string; apiKey: string; partyId?: string; name?: string }[];
};

export function demoCredentials(server: Pick<KouanServer, 'dataDir'>): DemoCredentials {
  return JSON.parse(
    readFileSync(path.join(server.dataDir, 'demo-credentials.json'), 'utf8'),
  ) as DemoCredentials;
}

export type Browser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** Headless Chromium with a fresh profile, at the 1366x768 a regulator's office screen has. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'kouan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login page and waits for the console's navigation. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/public/zones`);
  await signOut(page);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('kouan.session'));
}
