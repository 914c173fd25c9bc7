import { describe, expect, it } from 'vitest';
import { RFM_GROUPS, demote, rfmGroup, rfmGroupTable } from './rfm-groups.js';

describe('rfmGroup', () => {
  it('names the corners of the grid', () => {
    expect(rfmGroup(5, 5, 5)).toBe('champions');
    expect(rfmGroup(1, 1, 1)).toBe('lost');
    expect(rfmGroup(1, 5, 5)).toBe('cannot_lose');
    expect(rfmGroup(5, 1, 1)).toBe('new_customers');
    expect(rfmGroup(4, 1, 1)).toBe('promising');
    expect(rfmGroup(2, 4, 3)).toBe('at_risk');
    expect(rfmGroup(3, 2, 2)).toBe('about_to_sleep');
  });
  it('partitions all 125 combinations and uses every group', () => {
    const table = rfmGroupTable();
    expect(table).toHaveLength(125);
    expect(new Set(table.map((t) => t.group))).toEqual(new Set(RFM_GROUPS));
  });
  it('rejects scores outside 1-5', () => {
    expect(() => rfmGroup(0, 1, 1)).toThrow(/R score/);
    expect(() => rfmGroup(1, 6, 1)).toThrow(/F score/);
  });
  it('never leaves a one-off buyer in a loyal group', () => {
    // A single huge order: F=1 but M=5 gives FM=3, which the grid would call loyal.
    expect(rfmGroup(5, 1, 5)).toBe('loyal');
    expect(demote('loyal', 5)).toBe('promising');
    expect(demote('cannot_lose', 1)).toBe('lost');
    expect(demote('new_customers', 5)).toBe('new_customers');
  });
});
