// Plain words for a group from where its centroid sits against the population (standardised
// units, population mean 0): features at least `threshold` standard deviations away are named,
// strongest first up to `maxWords`, then its share of customers and of revenue.
import type { ClusterFeature, Words } from './features.js';

export interface DescribeOptions {
  /** |z| at which a feature is worth naming (default 0.5) */
  readonly threshold?: number;
  readonly maxWords?: number;
}

export interface GroupShares {
  /** 0..1 */
  readonly customers: number;
  /** 0..1 */
  readonly revenue: number;
}

/** The traits alone, e.g. { en: 'recent, frequent, high spend', zh: '近期活跃、高频、高消费' }. */
export function describeTraits(z: ArrayLike<number>, features: readonly ClusterFeature[], opts: DescribeOptions = {}): Words {
  const threshold = opts.threshold ?? 0.5;
  const picked = features
    .map((f, j) => ({ f, j, z: z[j] ?? 0 }))
    .filter((x) => Math.abs(x.z) >= threshold)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.j - b.j)
    .slice(0, opts.maxWords ?? 3)
    // Read in the features' own order (recency, frequency, spend ...), as people say them.
    .sort((a, b) => a.j - b.j);
  if (picked.length === 0) return { en: 'typical', zh: '各项接近平均' };
  const words = picked.map((x) => (x.z > 0 ? x.f.high : x.f.low));
  return { en: words.map((w) => w.en).join(', '), zh: words.map((w) => w.zh).join('、') };
}

export function formatShare(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 0.1) return '<0.1%';
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

/** e.g. en 'recent, frequent, high spend: 4.1% of customers, 38% of revenue', zh '近期活跃、高频、高消费：占客户4.1%，贡献38%收入'. */
export function describeGroup(z: ArrayLike<number>, features: readonly ClusterFeature[], shares: GroupShares, opts: DescribeOptions = {}): Words {
  const t = describeTraits(z, features, opts);
  const c = formatShare(shares.customers);
  const r = formatShare(shares.revenue);
  return { en: `${t.en}: ${c} of customers, ${r} of revenue`, zh: `${t.zh}：占客户${c}，贡献${r}收入` };
}
