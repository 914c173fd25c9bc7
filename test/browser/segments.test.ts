// Segments in the console, in Chromium against the real app with the 1,500-customer demo and its
// example segments: open one from the list, compare its numbers with the API, download an XLSX
// export and read it back, edit its rule and see the count of the count service, delete another.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRule } from '../../src/services/segments/count-rule.js';
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_LABELS, type ExportColumn } from '../../src/services/segments/export-columns.js';
import { chooseOption, hasChromium, signIn, startConsole, type ConsoleSession } from './support.js';

interface Seg { id: number; name: string; memberCount: number; rule: unknown; reading?: { zh: string; en: string } }
interface Members { items: Array<{ id: number }>; total: number }

describe.skipIf(!hasChromium)('segments in the console', () => {
  let s: ConsoleSession;
  let page: Page;
  let seg: Seg;

  beforeAll(async () => {
    s = await startConsole();
    page = s.page;
    await signIn(s);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  const memberIds = async (id: number): Promise<number[]> => {
    const ids: number[] = [];
    for (let p = 1; ; p++) {
      const r = await s.getJson<Members>(`/v1/segments/${id}/members?page=${p}&pageSize=100`);
      ids.push(...r.items.map((i) => i.id));
      if (r.items.length < 100) return ids;
    }
  };

  it('opens an example segment from the list: the count of the API and a member preview', async () => {
    await page.getByTestId('nav-segments').click();
    await page.waitForURL(/\/segments$/);
    const link = page.getByTestId('segment-link').filter({ hasText: /^高价值客户$/ });
    await link.waitFor();
    await s.shot('segments');
    await link.click();
    await page.waitForURL(/\/segments\/\d+$/);
    const id = Number(/\/segments\/(\d+)$/.exec(page.url())?.[1]);
    seg = await s.getJson<Seg>(`/v1/segments/${id}`);
    expect(seg.memberCount).toBeGreaterThan(10);
    await expect.poll(() => page.getByTestId('kpi-segment-members').getAttribute('data-value')).toBe(String(seg.memberCount));
    expect(await page.getByTestId('segment-name').textContent()).toBe('高价值客户');
    expect(await page.getByTestId('segment-reading').textContent()).toBe(seg.reading?.zh);
    // every member entered when the demo created the segment, today
    await expect.poll(() => page.getByTestId('kpi-segment-entered').getAttribute('data-value')).toBe(String(seg.memberCount));
    const rows = page.getByTestId('member-preview').getByTestId('member-row');
    await expect.poll(() => rows.count()).toBe(10);
    const firstIds = (await memberIds(id)).slice(0, 10);
    expect(await page.getByTestId('member-preview').locator('tbody tr[data-testid="member-row"] td:first-child').allTextContents()).toEqual(firstIds.map(String));
    expect(await page.getByTestId('member-link').first().getAttribute('href')).toBe(`/customers/${firstIds[0]}`);
    await page.getByTestId('segment-history-chart').locator('canvas').waitFor();
    await s.shot('segment-detail');
  });

  it('downloads an XLSX export with the chosen columns and one row per member', async () => {
    await page.getByTestId('segment-export').click();
    await page.getByTestId('export-format').getByText('XLSX').click();
    await page.getByTestId('export-column-email').click(); // untick one default column
    await page.getByTestId('export-column-churn_risk').click(); // and another
    await page.getByTestId('export-column-rfm_group').click(); // tick one more
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('高价值客户.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0];
    const rows: unknown[][] = [];
    sheet?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    // the dialog keeps the columns in the whitelist's order whatever order they were ticked in
    const expected: ExportColumn[] = ['id', 'customer_id', 'name', 'phone', 'city', 'value_tier', 'lifecycle_stage', 'rfm_group', 'predicted_clv'];
    expect(expected.filter((c) => !(DEFAULT_EXPORT_COLUMNS as readonly string[]).includes(c))).toEqual(['rfm_group']);
    // in the zh-CN console the file has Chinese headers and tier names by default
    expect(rows[0]).toEqual(expected.map((c) => EXPORT_COLUMN_LABELS[c].zh));
    expect(rows.length - 1).toBe(seg.memberCount);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(await memberIds(seg.id));
    expect(new Set(rows.slice(1).map((r) => r[5]))).toEqual(new Set(['高价值客户']));
  });

  it('shows how the segment overlaps another, as the API counts it', async () => {
    const other = (await s.getJson<Seg[]>('/v1/segments')).find((x) => x.name === '口红沉睡客户') as Seg;
    await page.getByTestId('overlap-pick').click();
    await page.keyboard.type('口红沉睡');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '口红沉睡客户' }).click();
    await page.keyboard.press('Escape');
    const api = await s.getJson<{ pairs: Array<{ both: number; jaccard: number }> }>(`/v1/segments/overlap?segments=${seg.id},${other.id}`);
    const both = page.getByTestId('overlap-table').getByTestId('overlap-both');
    await expect.poll(() => both.getAttribute('data-value')).toBe(String(api.pairs[0]?.both));
    await page.getByTestId('segment-overlap').scrollIntoViewIfNeeded();
    await s.shot('segment-overlap');
  });

  it('edits the rule in the builder and shows the count of the count service', async () => {
    await page.getByTestId('segment-edit').click();
    await page.waitForURL(new RegExp(`/segments/${seg.id}/edit$`));
    const cond = page.getByTestId('condition');
    await expect.poll(() => cond.count()).toBe(1);
    expect(await page.getByTestId('segment-name').inputValue()).toBe('高价值客户');
    await chooseOption(page, cond.first().getByTestId('cond-value'), '普通客户', '普通客户');
    const rule = { type: 'and', conditions: [{ type: 'score', field: 'value_tier', op: 'equals', value: 'regular' }] };
    const live = page.getByTestId('live-count');
    await expect.poll(() => live.getAttribute('data-rule'), { timeout: 10_000 }).toBe(JSON.stringify(rule));
    const { count } = await countRule(s.store, rule);
    expect(count).not.toBe(seg.memberCount);
    await expect.poll(() => live.getAttribute('data-value')).toBe(String(count));
    await page.getByTestId('segment-save').click();
    await page.waitForURL(new RegExp(`/segments/${seg.id}$`));
    await expect.poll(() => page.getByTestId('kpi-segment-members').getAttribute('data-value')).toBe(String(count));
    expect((await s.getJson<Seg>(`/v1/segments/${seg.id}`)).memberCount).toBe(count);
    await expect.poll(() => page.getByTestId('segment-reading').textContent()).toContain('普通客户');
    // the ones who left show up in the history
    await expect.poll(() => page.getByTestId('kpi-segment-exited').getAttribute('data-value')).toBe(String(seg.memberCount));
  });

  it('deletes a segment from the list after a confirmation', async () => {
    await page.getByTestId('nav-segments').click();
    await page.waitForURL(/\/segments$/);
    const row = page.locator('[data-testid="segment-row"][data-name="NPS贬损者"]');
    await row.waitFor();
    await row.getByTestId('segment-row-delete').click();
    await page.locator('.ant-popover:visible').getByTestId('segment-delete-ok').click();
    await page.locator('.ant-message-success', { hasText: '已删除人群“NPS贬损者”' }).waitFor(); // an earlier step's toast may still show
    await expect.poll(() => row.count()).toBe(0);
    const left = await s.getJson<Seg[]>('/v1/segments');
    expect(left.map((x) => x.name)).not.toContain('NPS贬损者');
    expect(left.map((x) => x.name)).toContain('高价值客户');
  });
});
