import fc from 'fast-check';
import {
  addMillis,
  compareInstants,
  isRfc3339,
  parseInstant,
  toEpochNanos,
  type Instant,
} from '@app/contracts';

// An independent reference: epoch nanoseconds by counting days with BigInt, no Date involved.
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDays = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);

/** Days from 0000-01-01 to the first day of year `y` (proleptic Gregorian). */
function daysBeforeYear(y: number): bigint {
  const n = BigInt(y);
  if (y === 0) return 0n;
  // leap years in [0, y - 1]: year 0 plus those in [1, y - 1]
  const m = n - 1n;
  return 365n * n + 1n + m / 4n - m / 100n + m / 400n;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  offsetMinutes: number | 'Z' | 'z';
}

function referenceNanos(f: Fields): bigint {
  let days = daysBeforeYear(f.year) - daysBeforeYear(1970);
  for (let m = 1; m < f.month; m++) days += BigInt(monthDays(f.year, m));
  days += BigInt(f.day - 1);
  const offset = typeof f.offsetMinutes === 'number' ? f.offsetMinutes : 0;
  const seconds = days * 86400n + BigInt(f.hour * 3600 + f.minute * 60 + f.second - offset * 60);
  const nanos = f.fraction === '' ? 0n : BigInt(f.fraction.padEnd(9, '0'));
  return seconds * 1_000_000_000n + nanos;
}

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function format(f: Fields): string {
  const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  const time = `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${f.fraction === '' ? '' : `.${f.fraction}`}`;
  let zone: string;
  if (typeof f.offsetMinutes !== 'number') zone = f.offsetMinutes;
  else {
    const abs = Math.abs(f.offsetMinutes);
    zone = `${f.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  return `${date}T${time}${zone}`;
}

const fieldsArb = (minYear = 1000, maxYear = 9999): fc.Arbitrary<Fields> =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,9}$/)),
      offsetMinutes: fc.oneof(
        fc.constantFrom<'Z' | 'z'>('Z', 'z'),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      ),
    })
    .map((f) => ({ ...f, day: Math.min(f.day, monthDays(f.year, f.month)) }));

describe('parseInstant', () => {
  it('gives floor epoch milliseconds and the nanosecond remainder of any valid instant', () => {
    fc.assert(
      fc.property(fieldsArb(), (f) => {
        const expected = referenceNanos(f);
        const parsed = parseInstant(format(f));
        expect(parsed).not.toBeNull();
        const { epochMs, nanos } = parsed as Instant;
        expect(BigInt(epochMs)).toBe(floorDiv(expected, 1_000_000n));
        expect(BigInt(nanos)).toBe(expected - floorDiv(expected, 1_000_000n) * 1_000_000n);
        expect(nanos).toBeGreaterThanOrEqual(0);
        expect(nanos).toBeLessThan(1_000_000);
        expect(toEpochNanos(parsed as Instant)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the years 0000-0999 too', () => {
    fc.assert(
      fc.property(fieldsArb(0, 999), (f) => {
        expect(toEpochNanos(parseInstant(format(f)) as Instant)).toBe(referenceNanos(f));
      }),
      { numRuns: 500 },
    );
  });

  it('orders instants like their exact epoch nanoseconds', () => {
    fc.assert(
      fc.property(fieldsArb(), fieldsArb(), (fa, fb) => {
        const a = parseInstant(format(fa)) as Instant;
        const b = parseInstant(format(fb)) as Instant;
        const na = referenceNanos(fa);
        const nb = referenceNanos(fb);
        expect(compareInstants(a, b)).toBe(na < nb ? -1 : na > nb ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('orders instants that differ by nanoseconds, whatever the offsets they are written with', () => {
    fc.assert(
      fc.property(
        fieldsArb(),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        fc.integer({ min: -2000, max: 2000 }),
        (f, otherOffset, deltaNanos) => {
          // the same wall-clock written with another offset, moved by a few nanoseconds
          const base = referenceNanos({ ...f, fraction: f.fraction.padEnd(9, '0') });
          const target = base + BigInt(deltaNanos);
          const shifted = target + BigInt(otherOffset) * 60_000_000_000n;
          const secs = floorDiv(shifted, 1_000_000_000n);
          const frac = shifted - secs * 1_000_000_000n;
          const date = new Date(Number(secs) * 1000);
          const year = date.getUTCFullYear();
          if (year < 1000 || year > 9999) return;
          const other: Fields = {
            year,
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: date.getUTCHours(),
            minute: date.getUTCMinutes(),
            second: date.getUTCSeconds(),
            fraction: String(frac).padStart(9, '0'),
            offsetMinutes: otherOffset,
          };
          expect(referenceNanos(other)).toBe(target);
          const a = parseInstant(format(f)) as Instant;
          const b = parseInstant(format(other)) as Instant;
          expect(compareInstants(b, a)).toBe(deltaNanos < 0 ? -1 : deltaNanos > 0 ? 1 : 0);
          expect(compareInstants(a, b)).toBe(-compareInstants(b, a) || 0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parses instants before 1970 with a non-negative nanosecond part', () => {
    expect(parseInstant('1969-12-31T23:59:59.9999995Z')).toEqual({ epochMs: -1, nanos: 999_500 });
    expect(parseInstant('1969-12-31T23:59:59.000000001Z')).toEqual({ epochMs: -1000, nanos: 1 });
    expect(parseInstant('1970-01-01T00:00:00Z')).toEqual({ epochMs: 0, nanos: 0 });
    expect(parseInstant('0000-01-01T00:00:00Z')).toEqual({ epochMs: -62167219200000, nanos: 0 });
    expect(parseInstant('9999-12-31T23:59:59.999999999Z')).toEqual({
      epochMs: 253402300799999,
      nanos: 999_999,
    });
  });

  it('applies the offset', () => {
    expect(parseInstant('2020-06-01T12:00:00-04:00')).toEqual({
      epochMs: Date.UTC(2020, 5, 1, 16),
      nanos: 0,
    });
    expect(parseInstant('2020-06-01T12:00:00+05:45')).toEqual({
      epochMs: Date.UTC(2020, 5, 1, 6, 15),
      nanos: 0,
    });
    expect(parseInstant('2020-06-01T12:00:00-00:00')).toEqual(parseInstant('2020-06-01T12:00:00Z'));
  });

  it.each([
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2022-01-16t20:43:53.141696z',
    '2022-01-16T20:43:53.123456789+23:59',
    '2022-01-16T23:59:59-23:59',
    '2022-12-31T00:00:00.1Z',
  ])('accepts %s', (text) => {
    expect(parseInstant(text)).not.toBeNull();
    expect(isRfc3339(text)).toBe(true);
  });

  it.each([
    ['Feb 29 of a common year', '2023-02-29T00:00:00Z'],
    ['Feb 29 of a century year', '1900-02-29T00:00:00Z'],
    ['day 31 of April', '2022-04-31T00:00:00Z'],
    ['day 0', '2022-01-00T00:00:00Z'],
    ['month 13', '2022-13-01T00:00:00Z'],
    ['month 0', '2022-00-01T00:00:00Z'],
    ['hour 24', '2022-01-16T24:00:00Z'],
    ['minute 60', '2022-01-16T20:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['10 fractional digits', '2022-01-16T20:00:00.1234567891Z'],
    ['an empty fraction', '2022-01-16T20:00:00.Z'],
    ['a comma fraction', '2022-01-16T20:00:00,5Z'],
    ['no offset', '2022-01-16T20:00:00'],
    ['offset hour 24', '2022-01-16T20:00:00+24:00'],
    ['offset minute 60', '2022-01-16T20:00:00+01:60'],
    ['an offset without colon', '2022-01-16T20:00:00+0100'],
    ['an hour-only offset', '2022-01-16T20:00:00+01'],
    ['a space separator', '2022-01-16 20:00:00Z'],
    ['no seconds', '2022-01-16T20:00Z'],
    ['a five-digit year', '12022-01-16T20:00:00Z'],
    ['a two-digit year', '22-01-16T20:00:00Z'],
    ['a date only', '2022-01-16'],
    ['trailing text', '2022-01-16T20:00:00Zx'],
    ['leading blank', ' 2022-01-16T20:00:00Z'],
    ['a sign in a field', '2022-+1-16T20:00:00Z'],
    ['non-ASCII digits', '２０２２-01-16T20:00:00Z'],
    ['the empty string', ''],
  ])('rejects %s', (_name, text) => {
    expect(parseInstant(text)).toBeNull();
    expect(isRfc3339(text)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(parseInstant(42 as unknown as string)).toBeNull();
    expect(parseInstant(null as unknown as string)).toBeNull();
  });
});

describe('compareInstants and helpers', () => {
  it('sorts by milliseconds, then nanoseconds', () => {
    const a = { epochMs: 5, nanos: 999_999 };
    const b = { epochMs: 6, nanos: 0 };
    const c = { epochMs: 6, nanos: 1 };
    expect([c, b, a].sort(compareInstants)).toEqual([a, b, c]);
    expect(compareInstants(c, { ...c })).toBe(0);
  });

  it('adds milliseconds without touching the nanoseconds', () => {
    expect(addMillis({ epochMs: 1000, nanos: 7 }, 300_000)).toEqual({ epochMs: 301_000, nanos: 7 });
    expect(addMillis({ epochMs: 1000, nanos: 7 }, -2000)).toEqual({ epochMs: -1000, nanos: 7 });
  });
});
