// The console in a real browser: Debian's Chromium driven by playwright-core against the real
// app (API + dashboards + built console) on 127.0.0.1, with a 1,500-customer demo in DuckDB.
// Saves a screenshot of each main page to docs/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/segments/dates.js';
import { scoreCustomers } from '../../src/services/score/score-customers.js';
import { countRule } from '../../src/services/segments/count-rule.js';
import type { Store } from '../../src/store/open-store.js';
import { chooseOption, hasChromium, startConsole, type ConsoleSession } from './support.js';

describe.skipIf(!hasChromium)('console in Chromium', () => {
  let s: ConsoleSession;
  let store: Store;
  let page: Page;

  beforeAll(async () => {
    const today = new Date().toISOString().slice(0, 10);
    s = await startConsole({
      // a second scoring day for the migration sankey; then today again so the latest scores are today's
      prepare: async (st) => {
        await scoreCustomers(st, { asOf: addDays(today, -90) });
        await scoreCustomers(st, { asOf: today });
      },
    });
    store = s.store;
    page = s.page;
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  const shot = (name: string) => s.shot(name);
  const getJson = <T,>(path: string) => s.getJson<T>(path);

  it('signs in with the demo login shown on the sign-in page', async () => {
    await page.goto(`${s.base}/overview`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('demo-login').waitFor();
    await shot('login');
    await page.getByTestId('use-demo').click();
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/overview$/);
    await expect(page.getByTestId('user-email').textContent()).resolves.toBe('demo@tend.local');
  });

  it('the overview shows the numbers of the API', async () => {
    const api = await getJson<{ customers: number; activeCustomers: number; repurchaseRate: number; atRisk: { customers: number }; nps: { score: number } }>('/v1/dashboards/overview');
    await page.getByTestId('kpi-customers').waitFor();
    const kpi = async (id: string) => ({
      raw: await page.getByTestId(`kpi-${id}`).getAttribute('data-value'),
      text: await page.getByTestId(`kpi-${id}`).locator('.ant-statistic-content').textContent(),
    });
    const zh = new Intl.NumberFormat('zh-CN');
    expect(await kpi('customers')).toEqual({ raw: String(api.customers), text: zh.format(api.customers) });
    expect(await kpi('active')).toEqual({ raw: String(api.activeCustomers), text: zh.format(api.activeCustomers) });
    expect(await kpi('at-risk')).toEqual({ raw: String(api.atRisk.customers), text: zh.format(api.atRisk.customers) });
    expect((await kpi('repurchase')).text).toBe(new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(api.repurchaseRate));
    expect(api.customers).toBe(1500 - Number((await getJson<{ mergedCustomers: number }>('/v1/stats')).mergedCustomers));
    await page.getByTestId('chart-trend').locator('canvas').waitFor();
    await shot('overview');
  });

  it('the dashboards render', async () => {
    for (const [path, testId, name] of [
      ['/rfm', 'chart-rfm-grid', 'rfm'], ['/lifecycle', 'chart-sankey', 'lifecycle'], ['/retention', 'chart-retention', 'retention'],
      ['/value', 'chart-clv', 'value'], ['/health', 'health-rows', 'health'],
    ] as const) {
      await page.getByTestId(`nav-${path.slice(1)}`).click();
      await page.waitForURL(new RegExp(`${path}$`));
      await page.getByTestId(testId).waitFor();
      if (testId.startsWith('chart')) await page.getByTestId(testId).locator('canvas').first().waitFor();
      await shot(name);
    }
    const health = await getJson<{ liveCustomers: number }>('/v1/stats');
    await expect(page.getByTestId('kpi-live').getAttribute('data-value')).resolves.toBe(String(health.liveCustomers));
  });

  it('a two-condition segment shows the live count of the count service', async () => {
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('new-segment').click();
    await page.waitForURL(/\/segments\/new$/);
    const conds = page.getByTestId('condition');
    await conds.first().waitFor();
    // condition 1: value tier equals 普通客户 (regular)
    await chooseOption(page, conds.nth(0).getByTestId('cond-value'), '普通客户', '普通客户');
    // condition 2: churn risk >= 50
    await page.getByTestId('add-condition').first().click();
    await expect.poll(() => conds.count()).toBe(2);
    await conds.nth(1).getByTestId('cond-field').click();
    await page.keyboard.type('流失风险');
    await page.keyboard.press('Enter');
    await chooseOption(page, conds.nth(1).getByTestId('cond-op'), /^大于等于$/, '大于等于');
    await conds.nth(1).locator('input[data-testid="cond-value"], [data-testid="cond-value"] input').first().fill('50');
    const expected = { type: 'and', conditions: [
      { type: 'score', field: 'value_tier', op: 'equals', value: 'regular' },
      { type: 'score', field: 'churn_risk', op: 'gte', value: 50 },
    ] };
    const live = page.getByTestId('live-count');
    await expect.poll(() => live.getAttribute('data-rule'), { timeout: 10_000 }).toBe(JSON.stringify(expected));
    await expect.poll(() => live.getAttribute('data-value'), { timeout: 10_000 }).not.toBe('');
    const { count } = await countRule(store, expected);
    expect(count).toBeGreaterThan(0);
    expect(await live.getAttribute('data-value')).toBe(String(count));
    await page.getByTestId('rule-reading').waitFor();
    await shot('segment-builder');
  });

  it('opens a customer from the churn list and shows the timeline', async () => {
    await page.getByTestId('nav-churn').click();
    await page.waitForURL(/\/churn$/);
    const link = page.getByTestId('churn-customer-link').first();
    await link.waitFor();
    await shot('churn');
    // save the at-risk customers as a segment: its members are the list's customers
    const total = (await getJson<{ total: number }>('/v1/dashboards/churn?minRisk=70')).total;
    await page.getByTestId('save-segment').click();
    await page.getByTestId('save-segment-name').fill('浏览器测试流失预警');
    await page.getByTestId('save-segment-ok').click();
    await page.locator('.ant-message-success', { hasText: '浏览器测试流失预警' }).waitFor();
    const saved = (await getJson<Array<{ name: string; memberCount: number }>>('/v1/segments')).find((s) => s.name === '浏览器测试流失预警');
    expect(saved?.memberCount).toBe(total);
    const name = (await link.textContent()) ?? '';
    await link.click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByTestId('timeline-item').first().waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(name);
    expect(await page.getByTestId('churn-reasons').locator('li').count()).toBeGreaterThan(0);
    await shot('customer-360');
  });

  it('switches language, remembers it, and shows zh-CN labels', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('nav-churn').textContent()).toBe('Churn early warning');
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Operations overview');
    await page.reload();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Operations overview');
    await shot('overview-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('运营看板');
    expect(await page.getByTestId('nav-churn').textContent()).toBe('流失预警');
    expect(await page.getByTestId('nav-customers').textContent()).toBe('客户360视图');
    expect(await page.getByTestId('kpi-repurchase').textContent()).toContain('复购率');
  });
});
