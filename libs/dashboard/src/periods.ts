import { DateTime } from 'luxon';

/**
 * Calendar periods in a time zone. A period is named by a sortable key: days `YYYY-MM-DD`, weeks by the
 * date of their Monday, months `YYYY-MM`, years `YYYY`. An instant belongs to the periods of its local
 * date, which is the same as the spec's half-open intervals [start of d, start of d+1) because local dates
 * never go backwards.
 */
export const GRANULARITIES = ['day', 'week', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export type PeriodKeys = Readonly<Record<Granularity, string>>;

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const dateKey = (d: LocalDate): string => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;

/** Calendar arithmetic on dates (no zone involved), via UTC so that no DST can interfere. */
function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function isoWeekday(d: LocalDate): number {
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function mondayOf(d: LocalDate): LocalDate {
  return addDays(d, 1 - isoWeekday(d));
}

export function periodKeysOf(d: LocalDate): PeriodKeys {
  return {
    day: dateKey(d),
    week: dateKey(mondayOf(d)),
    month: `${pad(d.year, 4)}-${pad(d.month, 2)}`,
    year: pad(d.year, 4),
  };
}

/** The keys of the current and the previous period of each granularity, relative to local date `d`. */
export function currentAndPreviousKeys(d: LocalDate): { current: PeriodKeys; previous: PeriodKeys } {
  const monday = mondayOf(d);
  const previousMonth =
    d.month === 1 ? { year: d.year - 1, month: 12 } : { year: d.year, month: d.month - 1 };
  return {
    current: periodKeysOf(d),
    previous: {
      day: dateKey(addDays(d, -1)),
      week: dateKey(addDays(monday, -7)),
      month: `${pad(previousMonth.year, 4)}-${pad(previousMonth.month, 2)}`,
      year: pad(d.year - 1, 4),
    },
  };
}

/** First instant (epoch ms) of a local date: where DST skips midnight, the first instant that exists. */
export function startOfLocalDate(d: LocalDate, zone: string): number {
  const midnight = DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone });
  // Where midnight happens twice (a fall-back from 01:00 to 00:00, as in America/Havana), luxon picks the
  // later one; the date starts at the earlier, under the offset in force a few hours before.
  const before = DateTime.fromMillis(midnight.toMillis() - 6 * 3_600_000, { zone }).offset;
  const earlier = DateTime.fromMillis(midnight.toMillis() + (midnight.offset - before) * 60_000, { zone });
  const isMidnightOfD = earlier.day === d.day && earlier.hour === 0 && earlier.minute === 0;
  return earlier < midnight && isMidnightOfD ? earlier.toMillis() : midnight.toMillis();
}

export function nextLocalDate(d: LocalDate): LocalDate {
  return addDays(d, 1);
}

/**
 * Maps instants to local dates in one zone. Readings arrive in time order more often than not, so the
 * day interval of the last answer is remembered and most look-ups need no time-zone arithmetic.
 */
export class LocalCalendar {
  private cached: { from: number; to: number; date: LocalDate } | undefined;

  constructor(readonly zone: string) {}

  dateOf(epochMs: number): LocalDate {
    const hit = this.cached;
    if (hit && epochMs >= hit.from && epochMs < hit.to) return hit.date;
    const local = DateTime.fromMillis(epochMs, { zone: this.zone });
    const date = { year: local.year, month: local.month, day: local.day };
    this.cached = {
      from: startOfLocalDate(date, this.zone),
      to: startOfLocalDate(nextLocalDate(date), this.zone),
      date,
    };
    return date;
  }
}
