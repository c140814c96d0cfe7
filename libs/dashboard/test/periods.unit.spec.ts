import {
  LocalCalendar,
  materialize,
  startOfLocalDate,
  type DashboardState,
  type MetricView,
} from '@app/dashboard';
import { EventLog } from './event-factory';
import { ONE_BATCH, projectInMemory, viewAt } from './in-memory-projector';

const AVERAGES = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_year',
  'last_year',
];

/** The periods, evaluated at `asOf` in `zone`, that count one sample taken at `start`. */
function periodsCounting(zone: string, start: string, asOf: string): string[] {
  const log = new EventLog().registered({ timezone: zone }).metric(1).sample(1, start, 1);
  const metric = viewAt(log.events, asOf).metrics[0] as unknown as Record<string, number | null>;
  return AVERAGES.filter((p) => metric[`avg_${p}`] === 1);
}

const iso = (ms: number) => new Date(ms).toISOString();
const hoursBetween = (zone: string, a: [number, number, number], b: [number, number, number]) =>
  (startOfLocalDate({ year: b[0], month: b[1], day: b[2] }, zone) -
    startOfLocalDate({ year: a[0], month: a[1], day: a[2] }, zone)) /
  3_600_000;

describe('the start of a local date', () => {
  it.each([
    [
      'America/Santiago',
      [2022, 9, 11],
      '2022-09-11T04:00:00.000Z',
      'midnight is skipped: the day starts at 01:00 -03',
    ],
    [
      'America/Santiago',
      [2022, 4, 3],
      '2022-04-03T04:00:00.000Z',
      'the clock fell back from 24:00 to 23:00 the day before',
    ],
    [
      'America/Havana',
      [2022, 11, 6],
      '2022-11-06T04:00:00.000Z',
      'midnight happens twice: the first one, at -04',
    ],
    [
      'Atlantic/Azores',
      [2022, 10, 30],
      '2022-10-30T00:00:00.000Z',
      'midnight happens twice: the first one, at +00',
    ],
    ['Asia/Kathmandu', [2022, 1, 16], '2022-01-15T18:15:00.000Z', 'the offset is +05:45'],
    [
      'Australia/Lord_Howe',
      [2022, 4, 3],
      '2022-04-02T13:00:00.000Z',
      'the day of the half-hour fall back starts at +11',
    ],
    [
      'Pacific/Chatham',
      [2022, 9, 25],
      '2022-09-24T11:15:00.000Z',
      'the offset is +12:45 before the 02:45 change',
    ],
  ] as [string, [number, number, number], string, string][])(
    'in %s on %j is %s (%s)',
    (zone, [year, month, day], expected) => {
      expect(iso(startOfLocalDate({ year, month, day }, zone))).toBe(expected);
    },
  );

  it('makes days of 23, 24, 24.5, 23.5 and 25 hours around DST changes', () => {
    expect(hoursBetween('America/Santiago', [2022, 9, 11], [2022, 9, 12])).toBe(23);
    expect(hoursBetween('Europe/London', [2022, 3, 27], [2022, 3, 28])).toBe(23);
    expect(hoursBetween('Europe/London', [2022, 10, 30], [2022, 10, 31])).toBe(25);
    expect(hoursBetween('America/Toronto', [2022, 3, 13], [2022, 3, 14])).toBe(23);
    expect(hoursBetween('America/Toronto', [2022, 11, 6], [2022, 11, 7])).toBe(25);
    expect(hoursBetween('America/Havana', [2022, 11, 6], [2022, 11, 7])).toBe(25);
    expect(hoursBetween('Australia/Lord_Howe', [2022, 4, 3], [2022, 4, 4])).toBe(24.5);
    expect(hoursBetween('Australia/Lord_Howe', [2022, 10, 2], [2022, 10, 3])).toBe(23.5);
    expect(hoursBetween('Asia/Kathmandu', [2022, 1, 16], [2022, 1, 17])).toBe(24);
  });

  it.each([
    ['America/Santiago', '2022-09-11T03:30:00Z', '2022-09-11T04:00:00.000Z'],
    ['America/Havana', '2022-11-06T03:59:59.999Z', '2022-11-06T04:00:00.000Z'],
    ['America/Havana', '2022-11-06T04:00:00Z', '2022-11-07T05:00:00.000Z'],
    ['Atlantic/Azores', '2022-10-29T23:00:00Z', '2022-10-30T00:00:00.000Z'],
    ['Australia/Lord_Howe', '2022-10-01T13:29:59Z', '2022-10-01T13:30:00.000Z'],
  ])('in %s seen at %s is the next rebuild: %s', (zone, now, next) => {
    const log = new EventLog().registered({ timezone: zone });
    const { states } = projectInMemory(log.events, { ...ONE_BATCH, clock: [new Date(now)] });
    expect(materialize(states.get('3:2') as DashboardState, new Date(now)).nextBoundaryAt.toISOString()).toBe(
      next,
    );
  });

  it('gives the same local date whatever was asked before (the calendar memo never answers stale)', () => {
    const firstHourOfNov6 = Date.parse('2022-11-06T04:30:00Z'); // 00:30 -04, before the clock falls back
    const warmed = new LocalCalendar('America/Havana');
    warmed.dateOf(Date.parse('2022-11-05T20:00:00Z'));
    expect(warmed.dateOf(firstHourOfNov6)).toEqual({ year: 2022, month: 11, day: 6 });
    expect(new LocalCalendar('America/Havana').dateOf(firstHourOfNov6)).toEqual({
      year: 2022,
      month: 11,
      day: 6,
    });
  });
});

describe('today and yesterday', () => {
  it.each([
    [
      'America/Santiago',
      '2022-09-11T04:00:00Z',
      '2022-09-11T15:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'America/Santiago',
      '2022-09-11T03:59:59.999999999Z',
      '2022-09-11T15:00:00Z',
      ['yesterday', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Europe/London',
      '2022-10-29T23:00:00Z',
      '2022-10-30T23:59:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Europe/London',
      '2022-10-29T22:59:59.999Z',
      '2022-10-30T23:59:00Z',
      ['yesterday', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Europe/London',
      '2022-03-27T22:59:59.999Z',
      '2022-03-27T12:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'America/Toronto',
      '2022-11-07T04:59:59.999Z',
      '2022-11-06T12:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Asia/Kathmandu',
      '2022-01-15T18:15:00-00:00',
      '2022-01-16T12:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Asia/Kathmandu',
      '2022-01-15T23:59:59.999+05:45',
      '2022-01-16T12:00:00Z',
      ['yesterday', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'Australia/Lord_Howe',
      '2022-04-03T13:29:59.999Z',
      '2022-04-03T12:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
    [
      'America/Havana',
      '2022-11-06T04:00:00Z',
      '2022-11-06T17:00:00Z',
      ['today', 'this_week', 'this_month', 'this_year'],
    ],
  ] as [string, string, string, string[]][])(
    'in %s count a sample taken at %s, seen at %s, in %j',
    (zone, start, asOf, periods) => {
      expect(periodsCounting(zone, start, asOf)).toEqual(periods);
    },
  );

  it('does not depend on the order samples arrive in around a repeated midnight', () => {
    const log = new EventLog()
      .registered({ timezone: 'America/Havana' })
      .metric(1)
      .sample(1, '2022-11-05T20:00:00-04:00', 10)
      .sample(1, '2022-11-06T00:30:00-04:00', 20);
    const [metric] = viewAt(log.events, '2022-11-06T12:00:00-05:00').metrics;
    expect([metric.avg_today, metric.avg_yesterday]).toEqual([20, 10]);
  });
});

describe('weeks, months and years', () => {
  it('start the week on the Monday before, across a year boundary (2021-01-01 is a Friday)', () => {
    const asOf = '2021-01-01T12:00:00Z';
    expect(periodsCounting('UTC', '2020-12-28T00:00:00Z', asOf)).toEqual([
      'this_week',
      'last_month',
      'last_year',
    ]);
    expect(periodsCounting('UTC', '2020-12-27T23:59:59.999Z', asOf)).toEqual([
      'last_week',
      'last_month',
      'last_year',
    ]);
    expect(periodsCounting('UTC', '2020-12-21T00:00:00Z', asOf)).toEqual([
      'last_week',
      'last_month',
      'last_year',
    ]);
    expect(periodsCounting('UTC', '2020-12-20T23:59:59Z', asOf)).toEqual(['last_month', 'last_year']);
    expect(periodsCounting('UTC', '2021-01-04T00:00:00Z', asOf)).toEqual(['this_month', 'this_year']);
  });

  it('take the last month of January from December of the year before', () => {
    const asOf = '2022-01-16T20:45:00Z';
    expect(periodsCounting('America/Toronto', '2021-12-01T05:00:00Z', asOf)).toEqual([
      'last_month',
      'last_year',
    ]);
    expect(periodsCounting('America/Toronto', '2021-12-01T04:59:59Z', asOf)).toEqual(['last_year']);
    expect(periodsCounting('America/Toronto', '2021-01-01T05:00:00Z', asOf)).toEqual(['last_year']);
    expect(periodsCounting('America/Toronto', '2021-01-01T04:59:59Z', asOf)).toEqual([]);
    expect(periodsCounting('America/Toronto', '2022-01-01T04:59:59Z', asOf)).toEqual([
      'last_month',
      'last_year',
    ]);
  });

  it('use the local year: in Pacific/Chatham the new year starts at 10:15 UTC on 31 December', () => {
    const asOf = '2021-01-01T12:00:00+13:45';
    expect(periodsCounting('Pacific/Chatham', '2020-12-31T10:15:00Z', asOf)).toEqual([
      'today',
      'this_week',
      'this_month',
      'this_year',
    ]);
    expect(periodsCounting('Pacific/Chatham', '2020-12-31T10:14:59Z', asOf)).toEqual([
      'yesterday',
      'this_week',
      'last_month',
      'last_year',
    ]);
  });
});

describe('pruning when the document is rebuilt', () => {
  const log = new EventLog()
    .metric(1)
    .sample(1, '2022-01-14T12:00:00Z', 1) // two days before: dropped on the 16th
    .sample(1, '2022-01-15T12:00:00Z', 2) // yesterday
    .sample(1, '2022-01-17T00:03:00Z', 4, { results_str: 'x' }); // tomorrow: a device clock slightly ahead

  it('keeps the previous periods and the future ones, and drops the rest', () => {
    const folded = projectInMemory(log.events, { ...ONE_BATCH, clock: [new Date('2022-01-01T00:00:00Z')] });
    const { state } = materialize(
      materialize(folded.states.get('3:2') as DashboardState, new Date('2022-01-15T20:00:00Z')).state,
      new Date('2022-01-16T20:00:00Z'),
    );
    expect(Object.keys(state.metrics[1].buckets.day).sort()).toEqual(['2022-01-15', '2022-01-17']);
    const tomorrow = materialize(state, new Date('2022-01-17T08:00:00Z')).view.metrics[0] as MetricView;
    expect([tomorrow.avg_today, tomorrow.avg_yesterday, tomorrow.avg_this_week]).toEqual([4, null, 4]);
  });
});
