// What every browser test needs: the built console, a demo store, the real app on 127.0.0.1 and
// Debian's Chromium driven by playwright-core. Screenshots go to docs/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/api/build-app.js';
import { loadDemo } from '../../src/services/load-demo.js';
import type { Store } from '../../src/store/open-store.js';
import { engines } from '../support/engines.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.info(`browser tests skipped: no ${CHROMIUM} (apt-get install chromium)`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'docs', 'screenshots');

export interface ConsoleSession {
  store: Store;
  app: FastifyInstance;
  base: string;
  context: BrowserContext;
  page: Page;
  /** a full-page screenshot to docs/screenshots/<name>.png, after charts settle */
  shot(name: string): Promise<void>;
  /** GET a JSON API path with the browser's session cookie */
  getJson<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

export interface ConsoleOptions {
  customers?: number;
  seed?: number;
  /** runs on the store after the demo loads, before the app starts */
  prepare?: (store: Store) => Promise<void>;
}

/** Loads a demo, starts the app and a browser (test/global-setup.ts has built the console). */
export async function startConsole(opts: ConsoleOptions = {}): Promise<ConsoleSession> {
  const store = await engines[0]!.open();
  await loadDemo(store, { customers: opts.customers ?? 1500, seed: opts.seed ?? 7 });
  await opts.prepare?.(store);
  const app = await buildApp({ store, demo: true });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'tend-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  mkdirSync(shots, { recursive: true });
  return {
    store, app, base, context, page,
    async shot(name) {
      await page.waitForTimeout(900); // let chart animations finish
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    getJson: <T,>(path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>,
    async close() {
      await context.close();
      await app.close();
      await store.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the sign-in page; without credentials, with the demo login it shows. */
export async function signIn(s: ConsoleSession, creds?: { email: string; password: string }): Promise<void> {
  const { page, base } = s;
  await page.goto(`${base}/overview`);
  await page.waitForURL(/\/login/);
  if (creds) {
    await page.getByTestId('login-email').fill(creds.email);
    await page.getByTestId('login-password').fill(creds.password);
  } else {
    await page.getByTestId('demo-login').waitFor();
    await page.getByTestId('use-demo').click();
  }
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/overview$/);
}

/**
 * Picks an option of an antd Select and waits until the select shows it. A click can land while
 * another select's dropdown is still fading out (its items are still "visible"), leaving the
 * value unchanged: the select is then reopened, up to three times.
 */
/**
 * Closes a dialog with its button and waits until `gone` has left the page. A click that lands
 * while the dialog is still zooming in (slow frames on a busy machine) can miss the button; the
 * dialog then stays open and blocks every later click, so the click is retried.
 */
export async function closeDialog(button: Locator, gone: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await button.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await gone.waitFor({ state: 'detached', timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

export async function chooseOption(page: Page, select: Locator, option: string | RegExp, shown: string | RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await select.filter({ hasText: shown }).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
