// Pre-built JSON property objects for events, so that millions of events reuse a few hundred
// strings instead of serialising an object each time.

import type { Catalogue } from './catalogue.js';
import { SUBCATEGORIES } from './catalogue-data.js';
import { formatCents } from './format.js';

export interface EventVocabulary {
  readonly productView: readonly string[];
  readonly addToCart: readonly string[];
  /** Category page views, by sub-category. */
  readonly categoryPage: readonly string[];
  readonly homePage: string;
  readonly otherPages: readonly string[];
  checkIn(streak: number): string;
  coupon(promotion: string | null, amountYuan: number): string;
  appOpen(platform: string, sec: number): string;
}

function json(value: Record<string, string | number>): string {
  return JSON.stringify(value);
}

const COUPON_CODES: Readonly<Record<string, string>> = {
  '618': 'M618',
  double11: 'D11',
  double12: 'D12',
  new_year: 'CNY',
};

export function buildEventVocabulary(catalogue: Catalogue, startSec: number): EventVocabulary {
  const productView = catalogue.products.map((p) =>
    json({ sku: p.sku, category: p.category, price: Number(formatCents(p.priceCents)) }),
  );
  const addToCart = catalogue.products.map((p) => json({ sku: p.sku, category: p.category, quantity: 1 }));
  const categoryPage = SUBCATEGORIES.map((s, i) => {
    const first = catalogue.bySub[i]?.[0];
    const category = first === undefined ? s.name : (catalogue.products[first]?.category ?? s.name);
    return json({ path: `/category/${s.code.toLowerCase()}`, title: s.name, category });
  });
  const otherPages = [
    json({ path: '/member', title: '会员中心' }),
    json({ path: '/points', title: '积分商城' }),
    json({ path: '/orders', title: '我的订单' }),
    json({ path: '/coupons', title: '领券中心' }),
  ];
  const checkIns: string[] = [];
  const couponCache = new Map<string, string>();
  const appCache = new Map<string, string>();
  return {
    productView,
    addToCart,
    categoryPage,
    homePage: json({ path: '/', title: '首页' }),
    otherPages,
    checkIn(streak: number): string {
      let s = checkIns[streak];
      if (s === undefined) {
        const points = streak % 15 === 0 ? 100 : streak % 7 === 0 ? 20 : 5;
        s = json({ streak, points });
        checkIns[streak] = s;
      }
      return s;
    },
    coupon(promotion: string | null, amountYuan: number): string {
      const key = `${promotion ?? ''}|${amountYuan}`;
      let s = couponCache.get(key);
      if (s === undefined) {
        const code = promotion === null ? 'DAILY' : (COUPON_CODES[promotion] ?? 'PROMO');
        s = json({ coupon_id: `${code}-${amountYuan}`, campaign: promotion ?? 'daily', amount: amountYuan });
        couponCache.set(key, s);
      }
      return s;
    },
    appOpen(platform: string, sec: number): string {
      // A new minor version about every two months over the history.
      const minor = Math.max(0, Math.floor((sec - startSec) / (60 * 86_400)));
      const version = `${5 + Math.floor(minor / 10)}.${minor % 10}.0`;
      const key = `${platform}|${version}`;
      let s = appCache.get(key);
      if (s === undefined) {
        s = json({ platform, app_version: version });
        appCache.set(key, s);
      }
      return s;
    },
  };
}
