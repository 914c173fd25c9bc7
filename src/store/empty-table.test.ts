import { describe, expect, it } from 'vitest';
import { sessionPerTest } from '../../test/support/engine-session.js';
import { engines } from '../../test/support/engines.js';
import { emptyTable } from './empty-table.js';

describe.each(engines)('emptyTable on $name', (engine) => {
  const session = sessionPerTest(engine);

  it('empties a table inside a transaction, keeps its key and constraints, and a rollback brings the rows back', async () => {
    const s = await session();
    await s.run(`CREATE TABLE empty_me (id BIGINT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE PRECISION)`);
    await s.run(`INSERT INTO empty_me VALUES (1, 'a', 0.5), (2, 'b', NULL)`);
    const ids = async () => (await s.all<{ id: number }>(`SELECT id FROM empty_me ORDER BY id`)).map((r) => Number(r.id));

    await s.run('BEGIN');
    await emptyTable(s, 'empty_me');
    await s.run(`INSERT INTO empty_me VALUES (3, 'c', 1)`);
    expect(await ids()).toEqual([3]);
    await s.run('ROLLBACK');
    expect(await ids()).toEqual([1, 2]);

    await s.run('BEGIN');
    await emptyTable(s, 'empty_me');
    await s.run(`INSERT INTO empty_me VALUES (3, 'c', 1)`);
    await s.run('COMMIT');
    expect(await ids()).toEqual([3]);
    await expect(s.run(`INSERT INTO empty_me VALUES (3, 'again', 2)`)).rejects.toThrow();
    await expect(s.run(`INSERT INTO empty_me VALUES (4, NULL, 2)`)).rejects.toThrow();
  });
});
