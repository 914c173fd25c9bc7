// Numbers, money and dates in the business locale: CNY and Asia/Shanghai unless the settings
// say otherwise; the language decides the number style (and the words).
import { useTranslation } from 'react-i18next';
import { ENUM_GROUPS } from './labels';
import type { Lang } from './i18n';

export const business = { timeZone: 'Asia/Shanghai', currency: 'CNY' };

export function setBusiness(b: { timezone?: string; currency?: string }): void {
  if (b.timezone) business.timeZone = b.timezone;
  if (b.currency) business.currency = b.currency;
}

export interface Formatters {
  readonly lang: Lang;
  readonly zh: boolean;
  int(v: number | null | undefined): string;
  num(v: number | null | undefined, digits?: number): string;
  money(v: number | null | undefined, digits?: number): string;
  /** compact money: ¥1.2万 / ¥12K */
  moneyShort(v: number | null | undefined): string;
  pct(v: number | null | undefined, digits?: number): string;
  date(v: string | Date | null | undefined): string;
  dateTime(v: string | Date | null | undefined): string;
  label(group: keyof typeof ENUM_GROUPS, value: string | null | undefined): string;
}

export function formatters(lang: Lang): Formatters {
  const zh = lang === 'zh-CN';
  const loc = zh ? 'zh-CN' : 'en-US';
  const dash = '—';
  const d = (v: string | Date | null | undefined) => (v === null || v === undefined || v === '' ? null : new Date(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v));
  return {
    lang, zh,
    int: (v) => (v === null || v === undefined ? dash : new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(v)),
    num: (v, digits = 2) => (v === null || v === undefined ? dash : new Intl.NumberFormat(loc, { maximumFractionDigits: digits }).format(v)),
    money: (v, digits = 0) => (v === null || v === undefined ? dash
      : new Intl.NumberFormat(loc, { style: 'currency', currency: business.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)),
    moneyShort: (v) => (v === null || v === undefined ? dash
      : new Intl.NumberFormat(loc, { style: 'currency', currency: business.currency, notation: 'compact', maximumFractionDigits: 1 }).format(v)),
    pct: (v, digits = 1) => (v === null || v === undefined ? dash : new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)),
    date: (v) => {
      const x = d(v);
      return x ? new Intl.DateTimeFormat(loc, { timeZone: business.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(x) : dash;
    },
    dateTime: (v) => {
      const x = d(v);
      return x ? new Intl.DateTimeFormat(loc, { timeZone: business.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(x) : dash;
    },
    label: (group, value) => {
      const found = ENUM_GROUPS[group].find((x) => x.value === (value ?? 'none'));
      if (found) return zh ? found.label.zh : found.label.en;
      return value === null || value === undefined || value === 'none' ? (zh ? '无' : 'none') : value;
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatters(i18n.language === 'en' ? 'en' : 'zh-CN');
}
