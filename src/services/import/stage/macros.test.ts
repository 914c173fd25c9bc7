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
});
