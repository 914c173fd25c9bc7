import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession, sqlLiteral } from '../../../store/duckdb/duck-session.js';
import { stagingMacros } from './macros.js';

describe('staging macros', () => {
  let instance: DuckDBInstance;
  let s: DuckSession;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    s = await DuckSession.open(instance);
    for (const m of stagingMacros('Asia/Shanghai')) await s.run(m);
  });
  afterAll(() => {
    s.close();
    instance.closeSync();
  });

  const blank = async (v: string | null) => (await s.one<{ v: string | null }>(`SELECT tend_blank(${v === null ? 'NULL' : sqlLiteral(v)}) AS v`)).v;

  it('tend_blank trims ASCII, non-breaking and ideographic spaces at either end and empties to NULL', async () => {
    const cases: Array<[string | null, string | null]> = [
      ['abc', 'abc'], ['  abc ', 'abc'], ['abc ', 'abc'], [' abc', 'abc'],
      ['\u3000张伟\u3000', '张伟'], ['张伟\u3000', '张伟'], ['\u00a0O1\u00a0', 'O1'], ['O1\u00a0', 'O1'],
      ['\u2003x\u2003', 'x'], ['a b', 'a b'], ['', null], ['   ', null], ['\u3000', null], [null, null],
      ['张伟', '张伟'], ['12.50', '12.50'],
    ];
    for (const [input, want] of cases) expect([input, await blank(input)]).toEqual([input, want]);
  });

  it('the vocabularies map canonical, spelled-out and Chinese values, any case and padding, and nothing else', async () => {
    const cases: Array<[string, string | null, unknown]> = [
      ['tend_order_status', 'paid', 'paid'], ['tend_order_status', ' Completed ', 'paid'], ['tend_order_status', '交易成功', 'paid'],
      ['tend_order_status', 'REFUND', 'refunded'], ['tend_order_status', '已退货', 'refunded'], ['tend_order_status', 'canceled', 'cancelled'],
      ['tend_order_status', '交易关闭', 'cancelled'], ['tend_order_status', null, 'paid'], ['tend_order_status', 'lost', null],
      ['tend_gender', 'F', 'female'], ['tend_gender', '男', 'male'], ['tend_gender', '保密', 'unknown'], ['tend_gender', 'x', null],
      ['tend_bool', 'Yes', true], ['tend_bool', '已授权', true], ['tend_bool', '0', false], ['tend_bool', '拒绝', false], ['tend_bool', 'maybe', null],
      ['tend_feedback_type', 'NPS', 'nps'], ['tend_feedback_type', '满意度', 'csat'], ['tend_feedback_type', '投诉', 'complaint'],
      ['tend_feedback_type', 'review', 'comment'], ['tend_feedback_type', 'survey', null],
      ['tend_currency', 'rmb', 'CNY'], ['tend_currency', '￥', 'CNY'], ['tend_currency', ' usd ', 'USD'], ['tend_currency', 'dollars', null],
    ];
    for (const [macro, input, want] of cases) {
      const { v } = await s.one<{ v: unknown }>(`SELECT ${macro}(${input === null ? 'NULL' : sqlLiteral(input)}) AS v`);
      expect([macro, input, v]).toEqual([macro, input, want]);
    }
  });
});
