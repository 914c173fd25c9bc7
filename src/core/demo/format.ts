// Fast, allocation-light formatting of the demo's values: ISO 8601 UTC timestamps from Unix
// seconds (day strings cached), calendar dates, and money from integer cents.

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01, UTC). */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Formats Unix seconds as `2024-03-05T08:12:09Z`, caching the date part per day. */
export class TimestampFormatter {
  private readonly firstDay: number;
  private readonly days: string[];

  constructor(startSec: number, endSec: number) {
    this.firstDay = Math.floor(startSec / 86_400) - 1;
    const lastDay = Math.floor(endSec / 86_400) + 1;
    this.days = [];
    for (let d = this.firstDay; d <= lastDay; d++) this.days.push(`${formatDay(d)}T`);
  }

  iso(sec: number): string {
    const s = Math.floor(sec);
    const day = Math.floor(s / 86_400);
    let rest = s - day * 86_400;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    const prefix = this.days[day - this.firstDay] ?? `${formatDay(day)}T`;
    return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[rest - m * 60]}Z`;
  }
}

/** Integer cents as a decimal string with two places: 12345 -> `123.45`, -5 -> `-0.05`. */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = neg ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  return `${neg ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Zero-padded decimal. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
