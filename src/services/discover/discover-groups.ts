// `tend segment discover`: groups of buyers found by k-means on their scores (customer_scores),
// each read in plain words with its share of customers and of revenue, and optionally saved
// as static segments. Columns come out of the engine as typed arrays; members stay compact.
import {
  chooseK, describeGroup, describeTraits, kmeans, maxGroupsFor, MIN_ROWS_PER_GROUP, resolveFeatures, silhouette, standardise,
  type ClusterFeature, type KCandidate, type KMeansResult, type Words,
} from '../../core/clusters/index.js';
import { DomainError } from '../../core/errors.js';
import { readColumns } from '../../store/bulk-columns.js';
import { openSession } from '../../store/open-session.js';
import type { Store } from '../../store/open-store.js';
import { checkSaveNames, saveGroups, type SavedGroup } from './save-groups.js';
import { lapTimer } from '../lap-timer.js';

export interface DiscoverOptions {
  /** rfm (default), value, engagement, all, or a comma list of customer_scores columns */
  readonly features?: string | undefined;
  /** a number of groups, or 'auto' (default): the best silhouette for k in 2..8 */
  readonly k?: number | 'auto' | undefined;
  readonly seed?: number | undefined;
  /** save each group as a static segment named `${save} 1..k` */
  readonly save?: string | undefined;
  readonly actor?: string | undefined;
}

export interface DiscoveredGroup {
  /** 1-based, groups ordered by revenue (largest first) */
  readonly index: number;
  readonly size: number;
  /** 0..1 of the buyers clustered */
  readonly customerShare: number;
  /** 0..1 of their total spend (customer_scores.monetary) */
  readonly revenueShare: number;
  readonly revenue: number;
  /** the centroid in original units (standardising and log scaling undone) */
  readonly centroid: Readonly<Record<string, number>>;
  /** the centroid in standard deviations from the population */
  readonly z: Readonly<Record<string, number>>;
  readonly traits: Words;
  readonly description: Words;
  /** customer ids (customers.id) of the members, ascending */
  readonly memberIds: Float64Array;
  readonly segment?: SavedGroup;
}

export interface Discovery {
  readonly asOf: string | null;
  readonly features: readonly string[];
  readonly k: number;
  readonly chosen: 'auto' | 'given';
  /** mean silhouette width of the result (on a sample of up to 5,000 buyers) */
  readonly silhouette: number;
  readonly candidates: readonly KCandidate[];
  readonly customers: number;
  readonly revenue: number;
  /** the population centre in original units, to read group centroids against */
  readonly population: Readonly<Record<string, number>>;
  readonly groups: readonly DiscoveredGroup[];
  readonly notes: readonly string[];
  readonly timings: Readonly<Record<string, number>>;
}

export function parseK(v: string | number | undefined): number | 'auto' {
  if (v === undefined || v === 'auto') return 'auto';
  const k = Number(v);
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new DomainError('invalid_input', `--k must be auto or a whole number 2-20, got "${v}"`, 'k');
  return k;
}

export async function discoverGroups(store: Store, opts: DiscoverOptions = {}): Promise<Discovery> {
  const { lap, timings } = lapTimer();
  const started = Date.now();
  let features = resolveFeatures(opts.features);
  const k = parseK(opts.k);
  const seed = opts.seed ?? 1;
  const notes: string[] = [];
  // Clashing segment names fail before any work (auto may choose up to 8 groups).
  if (opts.save !== undefined) await checkSaveNames(store, opts.save, k === 'auto' ? 8 : k);

  const { session: s, close } = await openSession(store);
  let ids: Float64Array;
  let money: Float64Array;
  let columns: Float64Array[];
  let asOf: string | null;
  try {
    const head = await s.one<{ n: number; buyers: number; as_of: unknown }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE frequency > 0) AS buyers, max(as_of) AS as_of FROM customer_scores`);
    if (Number(head.n) === 0) throw new DomainError('not_found', 'no customer scores yet: run `tend score` first', 'scores');
    if (Number(head.buyers) === 0) throw new DomainError('not_found', 'no buyers among the scored customers: import orders, then run `tend score`', 'scores');
    asOf = head.as_of instanceof Date ? head.as_of.toISOString().slice(0, 10) : head.as_of == null ? null : String(head.as_of).slice(0, 10);
    const wanted = ['customer_id', 'monetary', ...features.map((f) => f.key).filter((c) => c !== 'monetary')];
    const read = await readColumns(s, `(SELECT ${wanted.join(', ')} FROM customer_scores WHERE frequency > 0) AS buyers`, wanted, 'customer_id');
    ids = read[0] as Float64Array;
    money = read[1] as Float64Array;
    columns = features.map((f) => read[wanted.indexOf(f.key)] as Float64Array);
  } finally {
    await close();
  }
  lap('read');

  // A feature nobody has (say predicted_clv on a base too small to fit the models) says nothing.
  const usable = features.map((_, j) => (columns[j] as Float64Array).some((v) => Number.isFinite(v)));
  usable.forEach((ok, j) => { if (!ok) notes.push(`${(features[j] as ClusterFeature).key} has no values yet; left out`); });
  features = features.filter((_, j) => usable[j]);
  columns = columns.filter((_, j) => usable[j]);
  if (features.length === 0) throw new DomainError('invalid_input', 'none of the chosen features has values: run `tend score` first', 'features');

  const n = ids.length;
  if (k !== 'auto' && n < k * MIN_ROWS_PER_GROUP) {
    throw new DomainError('invalid_input', `too few customers for ${k} groups: ${n} buyers (need at least ${k * MIN_ROWS_PER_GROUP})`, 'k');
  }
  const std = standardise(columns, features.map((f) => f.transform));
  std.filled.forEach((m, j) => { if (m > 0) notes.push(`${(features[j] as ClusterFeature).key}: ${m} missing values taken as the median`); });
  const d = features.length;
  lap('standardise');

  let fit: KMeansResult;
  let sil: number;
  let candidates: readonly KCandidate[] = [];
  if (k === 'auto') {
    if (maxGroupsFor(n) < 2) throw new DomainError('invalid_input', `too few customers to find groups: ${n} buyers (need at least ${2 * MIN_ROWS_PER_GROUP})`, 'k');
    const r = chooseK(std.data, d, { seed, maxK: 8 });
    fit = r.result;
    sil = r.silhouette;
    candidates = r.candidates;
  } else {
    fit = kmeans(std.data, d, k, { seed: seed + k });
    sil = silhouette(std.data, d, fit.labels, k, { seed });
  }
  lap('cluster');

  // Revenue per group, then groups ordered by revenue (largest first), members gathered.
  const kk = fit.k;
  const revenue = new Float64Array(kk);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const m = Number.isFinite(money[i] as number) ? (money[i] as number) : 0;
    revenue[fit.labels[i] as number] = (revenue[fit.labels[i] as number] as number) + m;
    total += m;
  }
  const order = Array.from({ length: kk }, (_, c) => c).sort((a, b) => (revenue[b] as number) - (revenue[a] as number) || a - b);
  const members = order.map((c) => new Float64Array(fit.sizes[c] as number));
  const fill = new Int32Array(kk);
  const rank = new Int32Array(kk);
  order.forEach((c, r) => (rank[c] = r));
  for (let i = 0; i < n; i++) {
    const r = rank[fit.labels[i] as number] as number;
    (members[r] as Float64Array)[fill[r] as number] = ids[i] as number;
    fill[r] = (fill[r] as number) + 1;
  }
  const original = (j: number, z: number): number => {
    const f = features[j] as ClusterFeature;
    const v = z * (std.sd[j] as number) + (std.mean[j] as number);
    return round(f.transform === 'log1p' ? (v < 0 ? -Math.expm1(-v) : Math.expm1(v)) : v, 2);
  };
  const population = Object.fromEntries(features.map((f, j) => [f.key, original(j, 0)]));
  let groups: DiscoveredGroup[] = order.map((c, r) => {
    const z = Array.from({ length: d }, (_, j) => fit.centroids[c * d + j] as number);
    const shares = { customers: (fit.sizes[c] as number) / n, revenue: total > 0 ? (revenue[c] as number) / total : 0 };
    return {
      index: r + 1, size: fit.sizes[c] as number, customerShare: shares.customers, revenueShare: shares.revenue,
      revenue: round(revenue[c] as number, 2),
      centroid: Object.fromEntries(features.map((f, j) => [f.key, original(j, z[j] as number)])),
      z: Object.fromEntries(features.map((f, j) => [f.key, round(z[j] as number, 3)])),
      traits: describeTraits(z, features), description: describeGroup(z, features, shares),
      memberIds: members[r] as Float64Array,
    };
  });
  lap('describe');

  if (opts.save !== undefined) {
    const saved = await saveGroups(store, opts.save, groups.map((g) => ({
      memberIds: g.memberIds,
      description: `${g.description.zh} / ${g.description.en} (k-means on ${features.map((f) => f.key).join(', ')}${asOf ? `, scores as of ${asOf}` : ''})`,
    })), opts.actor ?? 'cli');
    groups = groups.map((g, i) => ({ ...g, segment: saved[i] as SavedGroup }));
    lap('save');
  }
  return {
    asOf, features: features.map((f) => f.key), k: kk, chosen: k === 'auto' ? 'auto' : 'given', silhouette: round(sil, 4), candidates: candidates.map((c) => ({ k: c.k, silhouette: round(c.silhouette, 4), inertia: round(c.inertia, 2) })),
    customers: n, revenue: round(total, 2), population, groups, notes, timings: { ...timings, total: (Date.now() - started) / 1000 },
  };
}

/** The discovery without member arrays, for JSON output. */
export function discoveryView(r: Discovery): Omit<Discovery, 'groups'> & { groups: Array<Omit<DiscoveredGroup, 'memberIds'>> } {
  return { ...r, groups: r.groups.map(({ memberIds: _m, ...g }) => g) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
