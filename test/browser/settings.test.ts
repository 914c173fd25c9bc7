// The settings pages and KPI targets in Chromium: as the demo admin, create a viewer, create and
// revoke an API key, change a scoring threshold (and see a bad one refused), set KPI targets on
// the overview; then as the viewer: no settings menu, and /settings says "no access" without
// requesting any settings data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDialog, hasChromium, signIn, startConsole, type ConsoleSession } from './support.js';

interface Settings {
  scoring: { tiers: { highValue: { minOrders: number } }; lifecycle: { churnedAfterDays: number }; clv: { horizonMonths: number; perSegment?: string[] } };
  business: { currency: string };
}

describe.skipIf(!hasChromium)('settings pages in Chromium', () => {
  let s: ConsoleSession;
  let page: Page;
  const viewer = { email: 'viewer.browser@shop.cn', password: '' };

  beforeAll(async () => {
    s = await startConsole();
    page = s.page;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const input = (testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  const withKey = (key: string, path: string) => fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${key}` } });

  it('creates a viewer with a generated password shown once', async () => {
    await signIn(s);
    await page.getByTestId('nav-settings').click();
    await page.waitForURL(/\/settings\/users$/);
    await page.getByTestId('user-row-demo@tend.local').waitFor();
    await page.getByTestId('user-new').click();
    await input('user-email-input').fill(viewer.email);
    await input('user-name-input').fill('只读同事');
    await page.getByTestId('user-create-ok').click();
    viewer.password = (await page.getByTestId('user-password').textContent()) ?? '';
    expect(viewer.password).toMatch(/^\S{20}$/);
    await closeDialog(page.getByTestId('secret-close'), page.getByTestId('user-password'));
    await page.getByTestId(`user-row-${viewer.email}`).waitFor();
    // gone from the page once closed
    await expect.poll(() => page.getByTestId('user-password').count()).toBe(0);
    const users = await s.getJson<Array<{ email: string; role: string; disabled: boolean }>>('/v1/users');
    expect(users.find((u) => u.email === viewer.email)).toMatchObject({ role: 'viewer', disabled: false });
    await s.shot('settings-users');
    // a reset: the server's new password is shown once, and it is the one that works later
    await page.getByTestId(`user-row-${viewer.email}`).getByTestId('user-reset').click();
    await page.getByTestId('user-reset-ok').click();
    const reset = (await page.getByTestId('user-password').textContent()) ?? '';
    expect(reset).toMatch(/^\S{20}$/);
    expect(reset).not.toBe(viewer.password);
    viewer.password = reset;
    await closeDialog(page.getByTestId('secret-close'), page.getByTestId('user-password'));
    await expect.poll(() => page.getByTestId('user-password').count()).toBe(0);
  });

  it('creates an API key limited to two permissions, shows it once, and revokes it', async () => {
    await page.getByTestId('settings-tab-api-keys').click();
    await page.waitForURL(/\/settings\/api-keys$/);
    await page.getByTestId('key-new').click();
    await input('key-name-input').fill('crm sync');
    await page.getByTestId('key-perm-customers:read').click();
    await page.getByTestId('key-perm-tags:read').click();
    await page.getByTestId('key-create-ok').click();
    const key = (await page.getByTestId('key-secret').textContent()) ?? '';
    expect(key).toMatch(/^tend_/);
    await closeDialog(page.getByTestId('secret-close'), page.getByTestId('key-secret'));
    const row = page.getByTestId('key-row-crm sync');
    await row.waitFor();
    await expect.poll(() => page.locator('body').textContent()).not.toContain(key);
    expect((await withKey(key, '/v1/customers')).status).toBe(200);
    expect((await withKey(key, '/v1/users')).status).toBe(403);
    await row.getByTestId('key-revoke').click();
    await page.getByTestId('key-revoke-ok').click();
    await expect.poll(() => row.getByTestId('key-status').textContent(), { timeout: 5000 }).toMatch(/吊销/);
    expect((await withKey(key, '/v1/customers')).status).toBe(401);
  });

  it('changes a tier threshold, refusing a lifecycle rule that breaks the schema', async () => {
    await page.getByTestId('settings-tab-scoring').click();
    await page.waitForURL(/\/settings\/scoring$/);
    const minOrders = input('scoring-tiers.highValue.minOrders');
    await expect.poll(() => minOrders.inputValue()).toBe('12');
    await minOrders.fill('10');
    // churned must come after dormant (180 days): refused on the field, nothing saved
    const churned = input('scoring-lifecycle.churnedAfterDays');
    await churned.fill('100');
    await page.getByTestId('scoring-save').click();
    await page.getByText('必须大于“沉睡判定天数”').waitFor();
    expect((await s.getJson<Settings>('/v1/settings')).scoring.tiers.highValue.minOrders).toBe(12);
    await churned.fill('400');
    // and fit CLV separately for one segment
    await page.getByTestId('scoring-clv.perSegment').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '高价值客户' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('scoring-save').click();
    await page.getByText('评分规则已保存，将在下一次评分时生效').waitFor();
    const saved = await s.getJson<Settings>('/v1/settings');
    expect(saved.scoring.tiers.highValue.minOrders).toBe(10);
    expect(saved.scoring.lifecycle.churnedAfterDays).toBe(400);
    expect(saved.scoring.clv).toMatchObject({ horizonMonths: 12, perSegment: ['高价值客户'] });
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8000 });
    await s.shot('settings-scoring');
  });

  it('sets the business currency and the console formats with it', async () => {
    await page.getByTestId('settings-tab-business').click();
    await page.getByTestId('business-preview').waitFor();
    expect(await page.getByTestId('business-preview').textContent()).toContain('¥12,345.60');
    await page.getByTestId('business-currency').click();
    await page.keyboard.type('USD');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^USD$/ }).click();
    await page.getByTestId('business-save').click();
    await expect.poll(() => page.getByTestId('business-preview').textContent()).toContain('US$12,345.60');
    expect((await s.getJson<Settings>('/v1/settings')).business.currency).toBe('USD');
    // back to yuan for the rest of the run
    await page.getByTestId('business-currency').click();
    await page.keyboard.type('CNY');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^CNY$/ }).click();
    await page.getByTestId('business-save').click();
    await expect.poll(() => page.getByTestId('business-preview').textContent()).toContain('¥12,345.60');
  });

  it('shows the changes in the audit log', async () => {
    await page.getByTestId('settings-tab-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await input('audit-actor').fill('demo@tend.local');
    await input('audit-actor').press('Enter');
    const actions = page.getByTestId('audit-table').locator('tbody .ant-tag-blue');
    await expect.poll(async () => (await actions.allTextContents()).join(' ')).toMatch(/settings\.scoring.*api_key\.revoke.*api_key\.create.*user\.create/);
  });

  it('sets KPI targets on the overview and shows them beside the actuals', async () => {
    await page.getByTestId('nav-overview').click();
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('kpi-none').waitFor();
    await page.getByTestId('kpi-edit').click();
    await input('kpi-input-repurchaseRate').fill('40');
    await input('kpi-input-nps').fill('30');
    await page.getByTestId('kpi-edit-ok').click();
    const rate = page.getByTestId('kpi-target-repurchaseRate');
    await expect.poll(() => rate.getAttribute('data-target')).toBe('0.4');
    const stored = await s.getJson<{ targets: Record<string, number | null>; updatedBy: string }>('/v1/settings/kpi-targets');
    expect(stored).toMatchObject({ targets: { repurchaseRate: 0.4, nps: 30, predictedClvPerBuyer: null, activeCustomers: null }, updatedBy: 'demo@tend.local' });
    const overview = await s.getJson<{ repurchaseRate: number; nps: { score: number } }>('/v1/dashboards/overview');
    expect(await rate.getAttribute('data-actual')).toBe(String(overview.repurchaseRate));
    expect(await rate.getAttribute('data-met')).toBe(String(overview.repurchaseRate >= 0.4));
    expect(await page.getByTestId('kpi-target-value-repurchaseRate').textContent()).toBe('目标 40.0%');
    expect(await page.getByTestId('kpi-target-nps').getAttribute('data-met')).toBe(String(overview.nps.score >= 30));
    expect(await page.getByTestId('kpi-target-activeCustomers').getAttribute('data-target')).toBe('');
    await s.shot('overview-kpi-targets');
  });

  it('a viewer sees the targets but cannot reach settings', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await signIn(s, viewer);
    await expect.poll(() => page.getByTestId('user-email').textContent()).toBe(viewer.email);
    await page.getByTestId('nav-overview').waitFor();
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await expect.poll(() => page.getByTestId('kpi-target-repurchaseRate').getAttribute('data-target')).toBe('0.4');
    expect(await page.getByTestId('kpi-edit').count()).toBe(0);

    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    for (const path of ['/settings', '/settings/users']) {
      await page.goto(`${s.base}${path}`);
      await page.getByTestId('settings-no-access').waitFor();
    }
    expect(await page.getByTestId('settings-tabs').count()).toBe(0);
    expect(requested.filter((p) => /^\/v1\/(users|api-keys|audit)/.test(p))).toEqual([]);
    // and the API agrees
    expect((await page.evaluate(async () => (await fetch('/v1/users')).status))).toBe(403);
  });
});
