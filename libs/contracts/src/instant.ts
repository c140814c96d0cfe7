/**
 * RFC 3339 instants with nanosecond precision, parsed without any date library (hot path).
 *
 * Accepted grammar (RFC 3339 section 5.6 `date-time`, letters case-insensitive):
 *
 *   YYYY-MM-DD "T" hh:mm:ss [ "." 1*9DIGIT ] ( "Z" / ("+" / "-") hh:mm )
 *
 * - real calendar dates only (Gregorian, leap years by the 4/100/400 rule), years 0000-9999;
 * - hours 00-23, minutes 00-59, seconds 00-59: the leap second `60` that RFC 3339 allows is
 *   rejected on purpose, because an epoch-based instant cannot represent it unambiguously and
 *   ordering would become ill-defined;
 * - fractional seconds up to 9 digits (nanoseconds); more digits are rejected;
 * - offset hours 00-23 and minutes 00-59; `-00:00` is accepted and equals `Z`.
 *
 * No other layout (space separator, missing offset, week dates, ...) is accepted.
 */

/** An exact instant: floor milliseconds since 1970-01-01T00:00:00Z plus the sub-millisecond nanoseconds. */
export interface Instant {
  /** Milliseconds since the Unix epoch, rounded towards negative infinity (also before 1970). */
  readonly epochMs: number;
  /** Nanoseconds past `epochMs`, an integer in 0..999999. */
  readonly nanos: number;
}

/** 400 Gregorian years are exactly 146097 days. */
const MS_PER_400_YEARS = 146097 * 86_400_000;
const NANOS_PER_MS = 1_000_000;

/** Days in month `month` (1-12) of `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The two decimal digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Parses an RFC 3339 date-time with offset into an exact {@link Instant}.
 * Returns `null` when the string is not a valid RFC 3339 date-time (see the module comment).
 * A hand-written scanner (no regex, no date library): this runs several times per record.
 */
export function parseInstant(text: string): Instant | null {
  if (typeof text !== 'string') return null;
  const len = text.length;
  // shortest: 2022-01-16T20:00:00Z (20); longest: 9 fractional digits and ±hh:mm (35)
  if (len < 20 || len > 35) return null;
  const c1 = twoDigits(text, 0);
  const c2 = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((c1 | c2 | month | day | hour | minute | second) < 0) return null;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null; // '-'
  const t = text.charCodeAt(10);
  if ((t !== 84 && t !== 116) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null; // T t :
  const year = c1 * 100 + c2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;

  let i = 19;
  let fraction = 0; // nanoseconds within the second
  if (text.charCodeAt(i) === 46) {
    // '.'
    i++;
    let scale = 100_000_000;
    const first = i;
    for (; i < len; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fraction += d * scale;
      scale /= 10;
    }
    const count = i - first;
    if (count < 1 || count > 9) return null;
  }

  let offsetMinutes = 0;
  const sign = text.charCodeAt(i);
  if (sign === 90 || sign === 122) {
    // Z z
    if (i + 1 !== len) return null;
  } else if (sign === 43 || sign === 45) {
    // + -
    if (i + 6 !== len || text.charCodeAt(i + 3) !== 58) return null;
    const offH = twoDigits(text, i + 1);
    const offM = twoDigits(text, i + 4);
    if (offH < 0 || offM < 0 || offH > 23 || offM > 59) return null;
    offsetMinutes = sign === 45 ? -(offH * 60 + offM) : offH * 60 + offM;
  } else {
    return null;
  }

  const ms = Math.floor(fraction / NANOS_PER_MS);
  // Date.UTC maps years 0-99 to 1900-1999: shift such years by 400 (a whole number of days).
  const base =
    year < 100
      ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - MS_PER_400_YEARS
      : Date.UTC(year, month - 1, day, hour, minute, second);

  return { epochMs: base - offsetMinutes * 60_000 + ms, nanos: fraction - ms * NANOS_PER_MS };
}

/** True when `text` is an RFC 3339 date-time accepted by {@link parseInstant}. */
export function isRfc3339(text: string): boolean {
  return parseInstant(text) !== null;
}

/** Orders two instants exactly: -1 when `a` is earlier, 1 when later, 0 when equal. */
export function compareInstants(a: Instant, b: Instant): -1 | 0 | 1 {
  if (a.epochMs !== b.epochMs) return a.epochMs < b.epochMs ? -1 : 1;
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  return 0;
}

/** `instant` shifted by a whole number of milliseconds (may be negative). */
export function addMillis(instant: Instant, ms: number): Instant {
  return { epochMs: instant.epochMs + ms, nanos: instant.nanos };
}

/** The instant as nanoseconds since the epoch (exact). */
export function toEpochNanos(instant: Instant): bigint {
  return BigInt(instant.epochMs) * 1_000_000n + BigInt(instant.nanos);
}
