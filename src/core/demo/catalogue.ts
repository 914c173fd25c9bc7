// Builds the demo product catalogue (about 330 SKUs) from the static assortment, with prices
// drawn per seed and rounded the way Chinese shops price (9.90, 59.00, 129.00, 2999.00).

import { SUBCATEGORIES, TOP_CATEGORIES, type SubcategoryDef } from './catalogue-data.js';
import { pad } from './format.js';
import { Rng } from './prng.js';

export interface Product {
  readonly index: number;
  readonly sku: string;
  readonly name: string;
  /** Path with `/`, e.g. `美妆/口红`. */
  readonly category: string;
  readonly brand: string;
  readonly priceCents: number;
  readonly top: number;
  readonly sub: number;
  /** Index of the spec in the sub-category (formula stage - 1, nappy size), else 0. */
  readonly variant: number;
  readonly brandIndex: number;
}

export interface Catalogue {
  readonly products: readonly Product[];
  /** Product indices per sub-category. */
  readonly bySub: readonly (readonly number[])[];
  /** Sub-category indices per top category. */
  readonly subsByTop: readonly (readonly number[])[];
  /** Products priced 1,500 CNY or more: what impulse buyers splurge on. */
  readonly premium: readonly number[];
  /** Everyday consumables a company buys by the case (staff welfare, 员工福利). */
  readonly bulk: readonly number[];
  readonly subIndex: Readonly<Record<string, number>>;
}

/** Rounds a raw price (CNY) to a shop-like price in cents. */
export function shopPriceCents(raw: number): number {
  if (raw < 20) return Math.max(1, Math.round(raw)) * 100 - 10; // 9.90, 14.90
  if (raw < 100) return (Math.round(raw / 10) * 10 - 1) * 100 + (raw % 2 < 1 ? 0 : 90); // 59.00, 69.90
  if (raw < 1000) return (Math.round(raw / 10) * 10 - 1) * 100; // 129.00, 259.00
  return (Math.round(raw / 100) * 100 - 1) * 100; // 1499.00, 2999.00
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(rng.between(Math.log(lo), Math.log(hi)));
}

interface Draft {
  name: string;
  brand: string;
  brandIndex: number;
  variant: number;
  priceCents: number;
}

function draftsFor(def: SubcategoryDef, rng: Rng): Draft[] {
  const [lo, hi] = def.price;
  const drafts: Draft[] = [];
  if (def.cross === true) {
    const base = def.bases[0] ?? def.name;
    def.brands.forEach((brand, brandIndex) => {
      const brandPrice = logUniform(rng, lo, hi);
      def.specs.forEach((spec, variant) => {
        const factor = 1 - 0.03 * variant;
        drafts.push({ name: `${brand}${base} ${spec}`, brand, brandIndex, variant, priceCents: shopPriceCents(brandPrice * factor) });
      });
    });
    return drafts.slice(0, def.count);
  }
  const seen = new Set<string>();
  for (let attempt = 0; drafts.length < def.count && attempt < def.count * 50; attempt++) {
    const brandIndex = rng.int(def.brands.length);
    const base = rng.pick(def.bases);
    const variant = rng.int(def.specs.length);
    const key = `${brandIndex}|${base}|${variant}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const brand = def.brands[brandIndex] ?? '';
    const spec = def.specs[variant] ?? '';
    drafts.push({ name: `${brand}${base} ${spec}`, brand, brandIndex, variant, priceCents: shopPriceCents(logUniform(rng, lo, hi)) });
  }
  return drafts;
}

export function buildCatalogue(seed: number): Catalogue {
  const rng = new Rng(seed, 1);
  const products: Product[] = [];
  const bySub: number[][] = [];
  const subsByTop: number[][] = TOP_CATEGORIES.map(() => []);
  const subIndex: Record<string, number> = {};
  SUBCATEGORIES.forEach((def, sub) => {
    const top = TOP_CATEGORIES[def.top];
    if (top === undefined) throw new Error(`sub-category ${def.name} has no top category`);
    subsByTop[def.top]?.push(sub);
    subIndex[def.code] = sub;
    const indices: number[] = [];
    draftsFor(def, rng).forEach((draft, n) => {
      const index = products.length;
      indices.push(index);
      products.push({
        index,
        sku: `${top.code}-${def.code}-${pad(n + 1, 3)}`,
        name: draft.name,
        category: `${top.name}/${def.name}`,
        brand: draft.brand,
        priceCents: draft.priceCents,
        top: def.top,
        sub,
        variant: draft.variant,
        brandIndex: draft.brandIndex,
      });
    });
    bySub.push(indices);
  });
  const bulkCodes = new Set(['TIS', 'SNK', 'OIL', 'CLN', 'BDW', 'COF', 'TEA']);
  const premium = products.filter((p) => p.priceCents >= 150_000).map((p) => p.index);
  const bulk = products
    .filter((p) => bulkCodes.has(SUBCATEGORIES[p.sub]?.code ?? '') && p.priceCents <= 30_000)
    .map((p) => p.index);
  return { products, bySub, subsByTop, premium, bulk, subIndex };
}
