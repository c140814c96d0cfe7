import {
  evolve,
  initialState,
  materialize,
  rebucket,
  skip,
  type DashboardState,
  type FoldEvent,
} from '@app/dashboard';
import { EventLog, uuidOf, validated } from './event-factory';
import { EVENT_BY_EVENT, viewAt } from './in-memory-projector';

const NOW = '2022-01-16T20:45:00Z';
const userAt = (log: EventLog, now = NOW) => viewAt(log.events, now).user as Record<string, unknown>;
const metricsAt = (log: EventLog, now = NOW) => viewAt(log.events, now).metrics;
const foldAll = (log: EventLog, state: DashboardState = initialState(3, 2)): DashboardState =>
  log.events.reduce((s, event, offset) => evolve(s, { event, partition: 0, offset }), state);

describe('the user entry', () => {
  it('is null until the first user-profile event', () => {
    const log = new EventLog().device(1).metric(1).sample(1, '2022-01-16T10:00:00Z', 5);
    expect(viewAt(log.events, NOW).user).toBeNull();
  });

  it('exists from an allergy alone, with every field null but the zone, which is UTC', () => {
    const user = userAt(
      new EventLog().at('2022-01-01T10:00:00+01:00').add('AllergyAdded', { id: 2, text: 'Celery' }),
    );
    expect(user).toMatchObject({
      id: 2,
      uuid: null,
      email: null,
      timezone: 'UTC',
      name: null,
      lexical_name: null,
    });
    expect(user).toMatchObject({ created_time: null, modified_time: '2022-01-01T10:00:00+01:00' });
    expect(user.allergies).toEqual([{ id: 2, text: 'Celery' }]);
  });

  it('takes the zone UTC from a registration that gives none or null', () => {
    expect(userAt(new EventLog().registered()).timezone).toBe('UTC');
    expect(userAt(new EventLog().registered({ timezone: null })).timezone).toBe('UTC');
  });

  it('lists every profile field of the registration, absent ones as null, and created_time as it arrived', () => {
    const user = userAt(
      new EventLog().at('2020-06-01T12:00:00.5-04:00').registered({ first_name: 'Frank', unknown_field: 1 }),
    );
    expect(Object.keys(user)).toHaveLength(1 + 23 + 6);
    expect(user).toMatchObject({
      first_name: 'Frank',
      last_name: null,
      body_mass_index: null,
      agree_tos: null,
    });
    expect(user).toMatchObject({
      created_time: '2020-06-01T12:00:00.5-04:00',
      modified_time: '2020-06-01T12:00:00.5-04:00',
    });
    expect(user).not.toHaveProperty('unknown_field');
  });

  it('keeps created_time and the lists through a second registration, which replaces every other field', () => {
    const log = new EventLog()
      .at('2020-01-01T00:00:00Z')
      .registered({ first_name: 'Frank', telephone: '1', timezone: 'Asia/Kathmandu' })
      .add('AllergyAdded', { id: 1, text: 'Celery' })
      .add('IllnessAdded', { id: 4, text: 'Acne' })
      .at('2021-01-01T00:00:00Z')
      .registered({ last_name: 'Herbert' });
    const user = userAt(log);
    expect(user).toMatchObject({ first_name: null, last_name: 'Herbert', telephone: null, timezone: 'UTC' });
    expect(user).toMatchObject({
      created_time: '2020-01-01T00:00:00Z',
      modified_time: '2021-01-01T00:00:00Z',
    });
    expect([user.allergies, user.illnesses]).toEqual([
      [{ id: 1, text: 'Celery' }],
      [{ id: 4, text: 'Acne' }],
    ]);
  });

  it('merges an update: a present key overwrites, null clears, an absent key stays, uuid never changes', () => {
    const log = new EventLog()
      .registered({ first_name: 'Frank', last_name: 'Herbert', telephone: '1', timezone: 'America/Toronto' })
      .updated({
        first_name: 'Brian',
        telephone: null,
        timezone: null,
        uuid: uuidOf(0xa0, 99),
        email: 'b@example.invalid',
      });
    const user = userAt(log);
    expect(user).toMatchObject({
      first_name: 'Brian',
      last_name: 'Herbert',
      telephone: null,
      timezone: null,
    });
    expect(user).toMatchObject({ uuid: uuidOf(0xa0, 1), email: 'b@example.invalid', name: 'Brian Herbert' });
  });

  it('takes modified_time from the last user-profile event, even one that changed nothing', () => {
    const log = new EventLog().registered().at('2022-01-02T00:00:00-05:00').add('IllnessRemoved', { id: 42 });
    expect(userAt(log).modified_time).toBe('2022-01-02T00:00:00-05:00');
  });

  it('replaces the text of an allergy added twice, sorts the lists by id and ignores unknown removals', () => {
    const log = new EventLog()
      .registered()
      .add('AllergyAdded', { id: 3, text: 'Celery' })
      .add('AllergyAdded', { id: 1, text: 'Peru' })
      .add('AllergyAdded', { id: 3, text: 'Buckwheat' })
      .add('AllergyRemoved', { id: 7 })
      .add('IllnessAdded', { id: 2, text: 'Acne' })
      .add('IllnessRemoved', { id: 2 });
    const user = userAt(log);
    expect(user.allergies).toEqual([
      { id: 1, text: 'Peru' },
      { id: 3, text: 'Buckwheat' },
    ]);
    expect(user.illnesses).toEqual([]);
  });

  it.each([
    ['Frank', 'Herbert', 'Frank Herbert', 'Herbert, Frank'],
    ['Frank', null, 'Frank', 'Frank'],
    ['', 'Herbert', 'Herbert', 'Herbert'],
    [null, '', null, null],
  ])('names first %j and last %j as %j, lexically %j', (first_name, last_name, name, lexical) => {
    const user = userAt(new EventLog().registered({ first_name, last_name }));
    expect([user.name, user.lexical_name]).toEqual([name, lexical]);
  });
});

describe('the metric entries', () => {
  it('take the definition from the latest registration, absent unit and application_id as null', () => {
    const log = new EventLog().metric(1, { unit: 'bpm', application_id: 4 }).metric(1, { type: 'stepCount' });
    expect(metricsAt(log)[0]).toMatchObject({
      id: 1,
      type: 'stepCount',
      unit: null,
      application_id: null,
      tenant_id: 3,
      user_id: 2,
    });
  });

  it('keep the samples of a metric registered again', () => {
    const log = new EventLog().metric(1).sample(1, '2022-01-16T10:00:00Z', 4).metric(1, { unit: 'x' });
    expect(metricsAt(log)[0]).toMatchObject({ unit: 'x', avg_today: 4, latest_value: 4 });
  });

  it('drop a removed metric for good: a later registration or sample is ignored', () => {
    const log = new EventLog()
      .metric(1)
      .metric(2)
      .sample(2, '2022-01-16T10:00:00Z', 1)
      .removeMetric(2)
      .metric(2);
    log.sample(2, '2022-01-16T11:00:00Z', 2);
    expect(metricsAt(log).map((m) => m.id)).toEqual([1]);
  });

  it('count a sample that arrived before its metric registration, and list no unregistered metric', () => {
    const log = new EventLog()
      .sample(1, '2022-01-16T10:00:00Z', 4)
      .sample(9, '2022-01-16T10:00:00Z', 1)
      .metric(1);
    expect(metricsAt(log).map((m) => [m.id, m.avg_today])).toEqual([[1, 4]]);
  });

  it('count a sample that arrived before its metric registration also after a zone change in between', () => {
    const log = new EventLog()
      .sample(1, '2022-01-16T03:00:00Z', 4)
      .registered({ timezone: 'America/Toronto' })
      .metric(1);
    expect(
      viewAt(log.events, NOW, EVENT_BY_EVENT).metrics.map((m) => [m.avg_today, m.avg_yesterday]),
    ).toEqual([[null, 4]]);
  });

  it('look the device uuid up by device_id, registered before or after, else null', () => {
    const log = new EventLog().metric(1, { device_id: 7 }).metric(2, { device_id: 8 }).device(7, 70);
    expect(metricsAt(log).map((m) => [m.id, m.device_uuid])).toEqual([
      [2, null],
      [1, uuidOf(0xd0, 70)],
    ]);
  });

  it('are sorted by id descending', () => {
    const log = new EventLog().metric(2).metric(10).metric(1);
    expect(metricsAt(log).map((m) => m.id)).toEqual([10, 2, 1]);
  });

  it('average only numeric quantities, and give null when there are only null ones', () => {
    const log = new EventLog().metric(1).metric(2);
    log
      .sample(1, '2022-01-16T10:00:00Z', 1)
      .sample(1, '2022-01-16T10:01:00Z', null)
      .sample(1, '2022-01-16T10:02:00Z', 2);
    log.sample(2, '2022-01-16T10:00:00Z', null, { results_str: '120/80' });
    const [two, one] = metricsAt(log);
    expect([one.avg_today, one.avg_this_year]).toEqual([1.5, 1.5]);
    expect(two).toMatchObject({ avg_today: null, latest_value: null, latest_results_str: '120/80' });
  });
});

describe('the latest samples', () => {
  it('are ordered by the instant of start_date, not by arrival, and keep the string as it arrived', () => {
    const log = new EventLog()
      .metric(1)
      .sample(1, '2022-01-16T10:00:00.000000002Z', 2)
      .sample(1, '2022-01-16T05:00:00.000000001-05:00', 1);
    const [metric] = metricsAt(log);
    expect(metric.latest_data).toEqual([
      { metric_id: 1, timestamp: '2022-01-16T10:00:00.000000002Z', value: 2 },
      { metric_id: 1, timestamp: '2022-01-16T05:00:00.000000001-05:00', value: 1 },
    ]);
    expect(metric.latest_timestamp).toBe('2022-01-16T10:00:00.000000002Z');
  });

  it('count the one later in the log as later when instants are equal', () => {
    const log = new EventLog()
      .metric(1)
      .sample(1, '2022-01-16T10:00:00Z', 1)
      .sample(1, '2022-01-16T05:00:00.000-05:00', 2);
    expect(metricsAt(log)[0]).toMatchObject({
      latest_value: 2,
      latest_timestamp: '2022-01-16T05:00:00.000-05:00',
    });
  });

  it('hold at most ten, latest first, and are absent with no sample', () => {
    const log = new EventLog().metric(1).metric(2);
    for (let i = 0; i < 13; i++)
      log.sample(1, `2022-01-16T${String(10 + ((i * 5) % 13)).padStart(2, '0')}:00:00Z`, i);
    const [two, one] = metricsAt(log);
    expect(one.latest_data?.map((p) => p.timestamp.slice(11, 13))).toEqual([
      '22',
      '21',
      '20',
      '19',
      '18',
      '17',
      '16',
      '15',
      '14',
      '13',
    ]);
    expect(two).not.toHaveProperty('latest_data');
    expect(two).toMatchObject({ latest_timestamp: null, latest_value: null, latest_results_str: null });
  });

  it('count a duplicate sample_id once: the first one wins, whatever its metric', () => {
    const log = new EventLog().metric(1).metric(2).sample(1, '2022-01-16T10:00:00Z', 1);
    const first = log.events[2];
    if (first.type !== 'QuantitySampleRecorded') throw new Error('not a sample');
    log.events.push(
      validated('QuantitySampleRecorded', { ...first.data, metric_id: 2, quantity: 9 }, first.occurred_at),
    );
    expect(metricsAt(log).map((m) => [m.id, m.avg_today, m.latest_data?.length])).toEqual([
      [2, null, undefined],
      [1, 1, 1],
    ]);
  });
});

describe('the fold', () => {
  it('leaves the state unchanged for a redelivered event at or below the applied position', () => {
    const log = new EventLog().registered().metric(1).sample(1, '2022-01-16T10:00:00Z', 1);
    const state = foldAll(log);
    const again = (offset: number): FoldEvent => ({ event: log.events[offset], partition: 0, offset });
    expect(evolve(state, again(2))).toBe(state);
    expect(evolve(state, again(0))).toBe(state);
    expect(skip(state, again(1))).toBe(state);
  });

  it('records a skipped duplicate as applied and changes nothing else', () => {
    const state = foldAll(new EventLog().metric(1));
    expect(skip(state, { partition: 0, offset: 5 })).toEqual({ ...state, positions: { 0: 5 } });
  });

  it('asks for a period rebuild when the zone changes, and the rebuild gives the averages of the new zone', () => {
    const log = new EventLog()
      .metric(1)
      .sample(1, '2022-01-16T03:00:00Z', 1)
      .updated({ timezone: 'America/Toronto' });
    const state = foldAll(log);
    expect(state.rebucket_pending).toBe(true);
    expect(() => materialize(state, new Date(NOW))).toThrow();
    const sample = { metric_id: 1, epoch_ms: Date.parse('2022-01-16T03:00:00Z'), quantity: 1 };
    const history = [{ ...sample, partition: 0, offset: 1 }];
    const [metric] = materialize(rebucket(state, history), new Date(NOW)).view.metrics;
    expect([metric.avg_today, metric.avg_yesterday]).toEqual([null, 1]);
  });

  it('rebuilds the same periods whatever order the history comes in (sums of floats depend on order)', () => {
    const state = foldAll(new EventLog().metric(1).updated({ timezone: 'America/Toronto' }));
    const at = Date.parse('2022-01-16T03:00:00Z');
    // 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 are different doubles.
    const history = [0.1, 0.2, 0.3].map((quantity, i) => ({
      metric_id: 1,
      epoch_ms: at + i,
      quantity,
      partition: 0,
      offset: 10 + i,
    }));
    const rebuilt = rebucket(state, history);
    expect(rebucket(state, [...history].reverse())).toEqual(rebuilt);
    expect(rebuilt.metrics[1].buckets.day['2022-01-15']).toEqual([0.1 + 0.2 + 0.3, 3]);
  });
});
