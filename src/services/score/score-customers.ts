// `tend score`: every live customer gets RFM scores and group, a value tier, a lifecycle
// stage, P(alive), expected purchases, predicted CLV and a churn risk with reasons, as of a
// day. Set operations run in the engine; the models run on compact typed arrays.
import { DomainError } from '../../core/errors.js';
import type { ScoringRules } from '../../core/lifecycle/scoring-rules.js';
import type { Store } from '../../store/open-store.js';
import { openSession } from '../../store/open-session.js';
import { loadColumns, readColumns } from '../../store/bulk-columns.js';
import { buildCustomerFeatures, buildModelSummary } from './customer-features.js';
import { scoreChurn, type ChurnSummary } from './churn-scores.js';
import { loadScoringRules } from './scoring-settings.js';
import { baseFigures, buildRfm, writeScores, writeSnapshot } from './score-sql.js';
import { attachFitGroups, refitPerSegment, resolveFitSegments, type SegmentFit } from './segment-fits.js';
import { fitAndPredict, type ModelOutputs } from './value-models.js';
import { lapTimer } from '../lap-timer.js';

export interface ScoreOptions {
  /** 'YYYY-MM-DD'; default today (UTC) */
  readonly asOf?: string | undefined;
  readonly rules?: ScoringRules | undefined;
  /** segments (ids or names) whose members get CLV models fitted on the segment alone; default from the rules */
  readonly fitPerSegment?: readonly string[] | undefined;
  readonly onStep?: ((step: string) => void) | undefined;
}

export interface ScoreSummary {
  readonly asOf: string;
  readonly customersScored: number;
  readonly buyers: number;
  readonly tiers: Readonly<Record<string, number>>;
  readonly stages: Readonly<Record<string, number>>;
  readonly rfmGroups: Readonly<Record<string, number>>;
  readonly models: {
    readonly bgNbd: ModelOutputs['bgNbd'];
    readonly gammaGamma: ModelOutputs['gammaGamma'];
    readonly perSegment: readonly SegmentFit[];
    /** segments named in the scoring rules' clv.perSegment that no longer exist */
    readonly missingSegments?: readonly string[];
  };
  readonly churn: ChurnSummary;
  readonly base: { readonly avgAnnualSpend: number; readonly medianDayValue: number };
  readonly timings: Readonly<Record<string, number>>;
}

export function parseDay(day: string, field = 'as-of'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw new DomainError('invalid_input', `--${field} must be a date YYYY-MM-DD, got "${day}"`, field);
  }
  return day;
}

export async function scoreCustomers(store: Store, opts: ScoreOptions = {}): Promise<ScoreSummary> {
  const day = parseDay(opts.asOf ?? new Date().toISOString().slice(0, 10));
  const rules = opts.rules ?? (await loadScoringRules(store));
  const fit = opts.fitPerSegment
    ? await resolveFitSegments(store, opts.fitPerSegment)
    : await resolveFitSegments(store, rules.clv.perSegment ?? [], true);
  const fitSegments = fit.segments;
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    opts.onStep?.(name);
    const t = Date.now();
    const r = await work();
    timings[name] = (Date.now() - t) / 1000;
    return r;
  };
  const started = Date.now();
  const { session: s, close } = await openSession(store);
  try {
    await step('features', () => buildCustomerFeatures(s, { day }));
    await step('rfm', () => buildRfm(s));
    const base = await baseFigures(s);
    let perSegment: SegmentFit[] = [];
    const models = await step('clv', async () => {
      await buildModelSummary(s, { day });
      const table = fitSegments.length > 0 ? await attachFitGroups(s, fitSegments) : 'sc_summary';
      const cols = await readColumns(s, table, ['customer_id', 'x', 'tx', 't_cal', 'zbar', ...(fitSegments.length > 0 ? ['grp'] : [])], 'customer_id');
      const [id, x, tx, T, zbar, grp] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array | undefined];
      const inputs = { x, tx, T, zbar };
      const out = fitAndPredict(inputs, rules.clv);
      if (grp) perSegment = refitPerSegment(inputs, grp, fitSegments, rules.clv, out);
      await s.run(`DROP TABLE IF EXISTS sc_model`);
      // The next order as weeks after the scoring day; writeScores turns them into a time.
      await s.run(`CREATE TEMP TABLE sc_model (customer_id BIGINT, p_alive DOUBLE PRECISION, expected_90d DOUBLE PRECISION, clv DOUBLE PRECISION, next_order_weeks DOUBLE PRECISION)`);
      const ids = id;
      await loadColumns(s, 'sc_model', ['customer_id', 'p_alive', 'expected_90d', 'clv', 'next_order_weeks'], ids.length, (row, col) => {
        switch (col) {
          case 0: return ids[row] as number;
          case 1: return round(out.pAlive[row] as number, 6);
          case 2: return round(out.expected90d[row] as number, 6);
          case 3: return round(Math.max(0, out.clv[row] as number), 2);
          default: return out.nextOrderWeeks[row] as number;
        }
      });
      return out;
    });
    // The churn step's parts are timed too (they are most of a run): "churn: features" and so on.
    const churnTimer = lapTimer();
    const churn = await step('churn', () => scoreChurn(s, { day, rules, bgNbd: models.bgNbd?.params, lap: churnTimer.lap }));
    Object.assign(timings, churnTimer.timings);
    await step('write', async () => {
      await s.run('BEGIN');
      try {
        await writeScores(s, day, rules, base, new Date());
        await writeSnapshot(s, day);
        await s.run(`DELETE FROM score_runs WHERE as_of = CAST($1 AS DATE)`, [day]);
        await s.run(`INSERT INTO score_runs (as_of, summary, computed_at) VALUES (CAST($1 AS DATE), CAST($2 AS ${s.engine === 'postgres' ? 'JSONB' : 'JSON'}), $3)`,
          [day, JSON.stringify({ models: { bgNbd: models.bgNbd, gammaGamma: models.gammaGamma, perSegment }, churn, base }), new Date()]);
        await s.run('COMMIT');
      } catch (err) {
        await s.run('ROLLBACK').catch(() => 0);
        throw err;
      }
    });
    const counts = async (col: string) =>
      Object.fromEntries((await s.all<{ k: string | null; n: number }>(`SELECT ${col} AS k, count(*) AS n FROM customer_scores GROUP BY ${col} ORDER BY ${col}`))
        .map((r) => [r.k ?? 'none', Number(r.n)]));
    const total = await s.one<{ n: number; buyers: number }>(`SELECT count(*) AS n, count(*) FILTER (WHERE frequency > 0) AS buyers FROM customer_scores`);
    timings.total = (Date.now() - started) / 1000;
    return {
      asOf: day, customersScored: Number(total.n), buyers: Number(total.buyers),
      tiers: await counts('value_tier'), stages: await counts('lifecycle_stage'), rfmGroups: await counts('rfm_group'),
      models: { bgNbd: models.bgNbd, gammaGamma: models.gammaGamma, perSegment, ...(fit.missing.length > 0 ? { missingSegments: fit.missing } : {}) },
      churn, base, timings,
    };
  } finally {
    for (const t of ['sc_days', 'sc_cust', 'sc_first', 'sc_prev', 'sc_summary', 'sc_summary_grp', 'sc_rfm', 'sc_rfm_map', 'sc_model', 'sc_churn', 'sc_x']) {
      await s.run(`DROP TABLE IF EXISTS ${t}`).catch(() => 0);
    }
    await close();
  }
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Number.isFinite(v) ? Math.round(v * f) / f : Number.NaN;
}

