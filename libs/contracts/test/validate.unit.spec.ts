import {
  MAX_VALUE_BYTES,
  REJECT_REASONS,
  validateRecord,
  type DomainEventEnvelope,
  type RejectReason,
  type ValidationResult,
} from '@app/contracts';
import { readJsonLines } from '../../../test/support/spec-examples';
import { KEY, bytes, envelope, sample, uuid, type Json } from './helpers';

function reasonOf(result: ValidationResult): RejectReason | 'ok' {
  return result.ok ? 'ok' : result.reason;
}

function check(value: Json | string | Buffer | null, key: Buffer | string | null = KEY): RejectReason | 'ok' {
  const buffer = value === null || Buffer.isBuffer(value) ? value : bytes(value);
  return reasonOf(validateRecord(key, buffer));
}

function accepted(value: Json, key: string = KEY): DomainEventEnvelope {
  const result = validateRecord(key, bytes(value));
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`);
  return result.event;
}

function detailOf(value: Json | string, key: string = KEY): string {
  const result = validateRecord(key, bytes(value));
  if (result.ok) throw new Error('expected a rejection');
  return result.detail;
}

const profile = (data: Record<string, Json>) => envelope('UserProfileUpdated', data);
const registered = (data: Record<string, Json> = {}) =>
  envelope('UserRegistered', { uuid: uuid(), email: 'a@b.example', ...data });
const metric = (data: Record<string, Json> = {}) =>
  envelope('MetricRegistered', { id: 1, uuid: uuid(), device_id: 1, type: 'heartRate', ...data });

describe('the published examples', () => {
  const golden = readJsonLines<{ key: string; value: Json }>('examples/golden.events.jsonl');
  const rejects = readJsonLines<{ reason: RejectReason; key: string; value: string }>(
    'examples/rejects.jsonl',
  );

  it('has examples to check', () => {
    expect(golden.length).toBeGreaterThan(0);
    expect(rejects.length).toBeGreaterThan(0);
  });

  it.each(golden.map((record, line) => [line + 1, record] as const))(
    'golden event on line %i validates ok',
    (_line, record) => {
      expect(validateRecord(record.key, bytes(JSON.stringify(record.value)))).toMatchObject({ ok: true });
    },
  );

  it.each(rejects.map((record) => [record.reason, record] as const))(
    'a reject example is rejected as %s',
    (reason, record) => {
      const result = validateRecord(record.key, Buffer.from(record.value, 'utf8'));
      expect(reasonOf(result)).toBe(reason);
    },
  );
});

describe('the validated event', () => {
  it('carries the envelope and data untouched, with occurred_at parsed', () => {
    const value = envelope(
      'AllergyAdded',
      { id: 7, text: 'Celery', later_field: [1] },
      {
        occurred_at: '2020-06-01T12:01:00.5-04:00',
        extra: true,
      },
    );
    const event = accepted(value);
    expect(event.type).toBe('AllergyAdded');
    expect(event.occurred_at).toBe('2020-06-01T12:01:00.5-04:00');
    expect(event.occurredAt).toEqual({ epochMs: Date.UTC(2020, 5, 1, 16, 1, 0, 500), nanos: 0 });
    expect(event.data).toEqual({ id: 7, text: 'Celery', later_field: [1] });
    expect(event.version).toBe(1);
    expect(event.tenant_id).toBe(3);
    expect(event.user_id).toBe(2);
  });

  it('carries the parsed start and end of a sample next to the original strings', () => {
    const event = accepted(
      sample({ start_date: '2022-01-16T14:59:00.000001-05:00', end_date: '2022-01-16T19:59:00.0000015Z' }),
    );
    if (event.type !== 'QuantitySampleRecorded') throw new Error('wrong type');
    expect(event.data.start_date).toBe('2022-01-16T14:59:00.000001-05:00');
    expect(event.data.end_date).toBe('2022-01-16T19:59:00.0000015Z');
    expect(event.startAt).toEqual({ epochMs: Date.UTC(2022, 0, 16, 19, 59), nanos: 1000 });
    expect(event.endAt).toEqual({ epochMs: Date.UTC(2022, 0, 16, 19, 59), nanos: 1500 });
  });

  it('accepts the key as a string or as bytes', () => {
    expect(check(sample(), '3:2')).toBe('ok');
    expect(check(sample(), Buffer.from('3:2'))).toBe('ok');
  });
});

describe('precedence follows the table order', () => {
  it('lists the reasons in table order', () => {
    expect(REJECT_REASONS).toEqual([
      'too_large',
      'invalid_json',
      'invalid_envelope',
      'key_mismatch',
      'unsupported_event',
      'invalid_data',
    ]);
  });

  it('reports too_large for 64 KiB + 1 bytes of garbage', () => {
    expect(check(Buffer.alloc(MAX_VALUE_BYTES + 1, 0xff), null)).toBe('too_large');
  });

  it('reports invalid_json before a key mismatch', () => {
    expect(check('{"event_id":', '9:9')).toBe('invalid_json');
  });

  it('reports invalid_envelope before a key mismatch', () => {
    expect(check(sample({}, { event_id: 'nope' }), '9:9')).toBe('invalid_envelope');
  });

  it('reports key_mismatch before an unknown type', () => {
    expect(check(envelope('WorkoutLogged', {}), '3:9')).toBe('key_mismatch');
  });

  it('reports key_mismatch before an unsupported version', () => {
    expect(check(sample({}, { version: 2 }), '3:9')).toBe('key_mismatch');
  });

  it('reports unsupported_event before invalid data', () => {
    expect(check(sample({ quantity: 'x' }, { version: 2 }))).toBe('unsupported_event');
    expect(check(envelope('WorkoutLogged', { quantity: 'x' }))).toBe('unsupported_event');
  });

  it('reports key_mismatch before invalid data', () => {
    expect(check(sample({ quantity: 'x' }), '2:3')).toBe('key_mismatch');
  });
});

describe('too_large', () => {
  const padded = (size: number): Buffer => {
    const base = JSON.stringify(sample({}, { padding: '' }));
    const fill = size - Buffer.byteLength(base);
    const text = base.replace('"padding":""', `"padding":"${'x'.repeat(fill)}"`);
    expect(Buffer.byteLength(text)).toBe(size);
    return Buffer.from(text);
  };

  it('accepts a value of exactly 64 KiB', () => {
    expect(check(padded(64 * 1024))).toBe('ok');
  });

  it('rejects a value of 64 KiB + 1 bytes', () => {
    expect(check(padded(64 * 1024 + 1))).toBe('too_large');
  });

  it('counts bytes, not characters', () => {
    const base = JSON.stringify(sample({}, { padding: '' }));
    const text = base.replace('"padding":""', `"padding":"${'é'.repeat(32 * 1024)}"`);
    expect(text.length).toBeLessThan(MAX_VALUE_BYTES);
    expect(check(text)).toBe('too_large');
  });
});

describe('invalid_json', () => {
  it.each([
    ['a null value', null],
    ['an empty value', Buffer.alloc(0)],
    [
      'a lone 0xff byte inside a string',
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]),
    ],
    [
      'an overlong encoding',
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
    ],
    [
      'an encoded surrogate',
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    ],
    ['a truncated multi-byte character', Buffer.from([0x7b, 0x22, 0xe2, 0x82])],
    ['UTF-16 text', Buffer.from(JSON.stringify(sample()), 'utf16le')],
  ])('rejects %s', (_name, value) => {
    expect(check(value)).toBe('invalid_json');
  });

  it.each(['null', '[]', '[1,2,3]', '42', '"text"', 'true', '', ' ', '{', '{"a":1}x', "{'a':1}", 'NaN'])(
    'rejects the value %j',
    (text) => {
      expect(check(Buffer.from(text))).toBe('invalid_json');
    },
  );

  it('rejects a byte order mark (JSON text must not start with one)', () => {
    expect(check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(sample())]))).toBe('invalid_json');
  });

  it('accepts valid multi-byte UTF-8 anywhere', () => {
    expect(check(envelope('AllergyAdded', { id: 1, text: 'Sellerie – 芹菜 🌿' }))).toBe('ok');
  });

  it('accepts insignificant whitespace around the object', () => {
    expect(check(` \n${JSON.stringify(sample())}\r\n\t`)).toBe('ok');
  });
});

describe('invalid_envelope', () => {
  it.each(['event_id', 'type', 'version', 'occurred_at', 'tenant_id', 'user_id', 'data'])(
    'rejects a missing %s',
    (field) => {
      expect(check(sample({}, { [field]: undefined }))).toBe('invalid_envelope');
    },
  );

  it.each<[string, Json]>([
    ['a non-UUID event_id', { event_id: '0b6f3c1e8f0e4a439d6b2f1f6a3c9e11' }],
    ['a URN event_id', { event_id: 'urn:uuid:0b6f3c1e-8f0e-4a43-9d6b-2f1f6a3c9e11' }],
    ['a numeric event_id', { event_id: 1 }],
    ['a non-string type', { type: 5 }],
    ['a null type', { type: null }],
    ['a string version', { version: '1' }],
    ['a fractional version', { version: 1.5 }],
    ['a null version', { version: null }],
    ['an occurred_at without offset', { occurred_at: '2022-01-16T20:00:00' }],
    ['a date-only occurred_at', { occurred_at: '2022-01-16' }],
    ['an occurred_at with 10 fractional digits', { occurred_at: '2022-01-16T20:00:00.1234567891Z' }],
    ['an occurred_at on 2023-02-29', { occurred_at: '2023-02-29T20:00:00Z' }],
    ['an occurred_at with a leap second', { occurred_at: '2016-12-31T23:59:60Z' }],
    ['a numeric occurred_at', { occurred_at: 1642363200000 }],
    ['tenant_id 0', { tenant_id: 0 }],
    ['tenant_id -1', { tenant_id: -1 }],
    ['tenant_id 1.5', { tenant_id: 1.5 }],
    ['tenant_id 2^53', { tenant_id: 2 ** 53 }],
    ['tenant_id as a string', { tenant_id: '3' }],
    ['user_id 0', { user_id: 0 }],
    ['user_id 2^53', { user_id: 2 ** 53 }],
    ['data as an array', { data: [] }],
    ['data as null', { data: null }],
    ['data as a string', { data: '{}' }],
  ])('rejects %s', (_name, overrides) => {
    expect(check(sample({}, overrides as Record<string, Json>))).toBe('invalid_envelope');
  });

  it('rejects a non-finite tenant_id (1e400)', () => {
    const text = JSON.stringify(sample()).replace('"tenant_id":3', '"tenant_id":1e400');
    expect(check(text)).toBe('invalid_envelope');
  });

  it('accepts tenant_id and user_id 2^53 - 1', () => {
    const max = 2 ** 53 - 1;
    expect(check(sample({}, { tenant_id: max, user_id: max }), `${max}:${max}`)).toBe('ok');
  });

  it('accepts an occurred_at with 9 fractional digits, lower-case letters and on 2024-02-29', () => {
    expect(
      check(
        sample(
          { start_date: '2024-02-29T20:00:00Z', end_date: '2024-02-29T20:00:00Z' },
          {
            occurred_at: '2024-02-29t20:00:00.123456789z',
          },
        ),
      ),
    ).toBe('ok');
  });

  it('names the field in the detail', () => {
    expect(detailOf(sample({}, { tenant_id: 0 }))).toMatch(/^tenant_id: /);
    expect(detailOf(sample({}, { occurred_at: 'yesterday' }))).toMatch(/^occurred_at: /);
    expect(detailOf(sample({}, { data: undefined }))).toMatch(/^data: is required/);
  });
});

describe('key_mismatch', () => {
  it.each<[string, Buffer | string | null]>([
    ['a null key', null],
    ['an empty key', ''],
    ['swapped ids', '2:3'],
    ['leading zeros', '03:2'],
    ['a trailing newline', '3:2\n'],
    ['spaces', '3: 2'],
    ['another separator', '3-2'],
    ['a non-UTF-8 key', Buffer.from([0x33, 0x3a, 0xb2])],
  ])('rejects %s', (_name, key) => {
    expect(check(sample(), key)).toBe('key_mismatch');
  });

  it('names the expected key in the detail', () => {
    expect(detailOf(sample(), '3:9')).toContain('"3:2"');
  });
});

describe('unsupported_event', () => {
  it.each<[string, Record<string, Json>]>([
    ['an unknown type', { type: 'WorkoutLogged' }],
    ['an empty type', { type: '' }],
    ['a type in the wrong case', { type: 'quantitysamplerecorded' }],
    ['a prototype property name as type', { type: 'constructor' }],
    ['version 2', { version: 2 }],
    ['version 0', { version: 0 }],
    ['version -1', { version: -1 }],
  ])('rejects %s', (_name, overrides) => {
    expect(check(sample({}, overrides))).toBe('unsupported_event');
  });
});

describe('invalid_data for QuantitySampleRecorded', () => {
  it('accepts start_date exactly 5 minutes after occurred_at', () => {
    expect(check(sample({ start_date: '2022-01-16T20:05:00Z', end_date: '2022-01-16T20:05:00Z' }))).toBe(
      'ok',
    );
  });

  it('rejects start_date 5 minutes and 1 ns after occurred_at', () => {
    const late = '2022-01-16T20:05:00.000000001Z';
    expect(check(sample({ start_date: late, end_date: late }))).toBe('invalid_data');
  });

  it('compares start_date with occurred_at as exact instants across offsets', () => {
    const occurred_at = '2022-01-16T20:00:00.123456789Z';
    const ok = '2022-01-16T15:05:00.123456789-05:00';
    const late = '2022-01-16T15:05:00.12345679-05:00';
    expect(check(sample({ start_date: ok, end_date: ok }, { occurred_at }))).toBe('ok');
    expect(check(sample({ start_date: late, end_date: late }, { occurred_at }))).toBe('invalid_data');
  });

  it('accepts end_date equal to start_date, also written with another offset', () => {
    expect(check(sample({ start_date: '2022-01-16T19:59:00Z', end_date: '2022-01-16T19:59:00Z' }))).toBe(
      'ok',
    );
    expect(check(sample({ start_date: '2022-01-16T19:59:00Z', end_date: '2022-01-17T01:29:00+05:30' }))).toBe(
      'ok',
    );
  });

  it('rejects end_date a microsecond before start_date', () => {
    const result = validateRecord(
      KEY,
      bytes(sample({ start_date: '2022-01-16T19:59:00.000002Z', end_date: '2022-01-16T19:59:00.000001Z' })),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'invalid_data',
      detail: 'data.end_date: is earlier than start_date',
    });
  });

  it('accepts samples long before occurred_at (late uploads)', () => {
    expect(check(sample({ start_date: '1969-07-20T20:17:40Z', end_date: '1969-07-20T20:17:40Z' }))).toBe(
      'ok',
    );
  });

  it.each<[string, Record<string, Json | undefined>]>([
    ['a missing sample_id', { sample_id: undefined }],
    ['a non-UUID sample_id', { sample_id: 'abc' }],
    ['a missing metric_id', { metric_id: undefined }],
    ['metric_id 0', { metric_id: 0 }],
    ['metric_id 1.5', { metric_id: 1.5 }],
    ['metric_id 2^53', { metric_id: 2 ** 53 }],
    ['metric_id as a string', { metric_id: '3' }],
    ['a missing start_date', { start_date: undefined }],
    ['a missing end_date', { end_date: undefined }],
    ['a start_date without offset', { start_date: '2022-01-16T19:59:00' }],
    ['a start_date with 10 fractional digits', { start_date: '2022-01-16T19:59:00.0000000001Z' }],
    ['an end_date on 2023-02-29', { end_date: '2023-02-29T19:59:00Z' }],
    ['a missing quantity', { quantity: undefined }],
    ['a string quantity', { quantity: '61' }],
    ['a boolean quantity', { quantity: true }],
    ['a numeric results_str', { results_str: 120 }],
    ['a results_str of 257 code points', { results_str: '😀'.repeat(257) }],
  ])('rejects %s', (_name, data) => {
    expect(check(sample(data))).toBe('invalid_data');
  });

  it('rejects non-finite quantities', () => {
    for (const literal of ['1e400', '-1e400']) {
      const text = JSON.stringify(sample({ quantity: 0 })).replace('"quantity":0', `"quantity":${literal}`);
      expect(check(text)).toBe('invalid_data');
      expect(detailOf(text)).toBe('data.quantity: is not a finite number');
    }
  });

  it.each<[string, Record<string, Json>]>([
    ['a null quantity', { quantity: null }],
    ['a negative fractional quantity', { quantity: -12.5 }],
    ['a results_str of 256 astral code points', { results_str: '😀'.repeat(256) }],
    ['a null results_str', { results_str: null }],
    [
      'motion context and sensor location of any kind',
      {
        sample_motion_context: { a: [1, null] },
        sample_sensor_location: 5,
        sample_sensor_location_other: null,
      },
    ],
    ['unknown extra fields', { heart_zone: 'z2', nested: { deep: [1e10] } }],
  ])('accepts %s', (_name, data) => {
    expect(check(sample(data))).toBe('ok');
  });
});

describe('invalid_data for the profile events', () => {
  it('accepts a complete UserRegistered with every optional field null', () => {
    const nulls = Object.fromEntries(
      [
        'first_name',
        'last_name',
        'timezone',
        'language',
        'country',
        'country_tel_code',
        'telephone',
        'agree_tos',
        'state',
        'date_of_birth',
        'joined_time',
        'gender',
        'marital_status',
        'blood_group',
        'children_count',
        'height_in_meters',
        'weight_in_kg',
        'body_mass_index',
        'body_fat_percentage',
        'avatar_title',
        'avatar_file_url',
      ].map((field) => [field, null]),
    );
    expect(check(registered(nulls))).toBe('ok');
  });

  it('accepts a minimal UserRegistered', () => {
    expect(check(registered())).toBe('ok');
  });

  it.each<[string, Json]>([
    ['a missing uuid', envelope('UserRegistered', { email: 'a@b.example' })],
    ['a missing email', envelope('UserRegistered', { uuid: uuid() })],
    ['a null email', registered({ email: null })],
    ['an email of 321 code points', registered({ email: 'e'.repeat(321) })],
    ['an unknown time zone', registered({ timezone: 'Mars/Olympus_Mons' })],
    ['an offset instead of a zone', registered({ timezone: '+05:00' })],
    ['an empty time zone', registered({ timezone: '' })],
    ['agree_tos as a string', registered({ agree_tos: 'yes' })],
    ['a fractional state', registered({ state: 1.5 })],
    ['a date-only date_of_birth', registered({ date_of_birth: '1990-01-01' })],
    ['an invalid joined_time', registered({ joined_time: '2022-13-01T00:00:00Z' })],
    ['a negative children_count', registered({ children_count: -1 })],
    ['a fractional children_count', registered({ children_count: 1.5 })],
    ['a negative height', registered({ height_in_meters: -0.1 })],
    ['a string weight', registered({ weight_in_kg: '90' })],
    ['a first_name of 257 astral code points', registered({ first_name: '😀'.repeat(257) })],
    ['an avatar_file_url of 2049 code points', registered({ avatar_file_url: 'u'.repeat(2049) })],
  ])('rejects a UserRegistered with %s', (_name, value) => {
    expect(check(value)).toBe('invalid_data');
  });

  it('rejects non-finite profile numbers', () => {
    const text = JSON.stringify(registered({ body_mass_index: 0 })).replace(
      '"body_mass_index":0',
      '"body_mass_index":1e400',
    );
    expect(check(text)).toBe('invalid_data');
  });

  it.each<[string, Json]>([
    ['256 astral code points in first_name (512 UTF-16 units)', registered({ first_name: '😀'.repeat(256) })],
    ['an email of 320 code points', registered({ email: 'e'.repeat(320) })],
    ['an avatar_file_url of 2048 code points', registered({ avatar_file_url: 'u'.repeat(2048) })],
    ['a time zone such as America/Toronto', registered({ timezone: 'America/Toronto' })],
    ['the UTC time zone', registered({ timezone: 'UTC' })],
    ['a zero children_count and height', registered({ children_count: 0, height_in_meters: 0 })],
    ['a negative state', registered({ state: -3 })],
    ['an RFC 3339 date_of_birth before 1970', registered({ date_of_birth: '1901-02-03T00:00:00+01:00' })],
    ['unknown extra fields', registered({ nickname: 'Frank', prefs: { dark: true } })],
  ])('accepts a UserRegistered with %s', (_name, value) => {
    expect(check(value)).toBe('ok');
  });

  it.each<[string, Record<string, Json>]>([
    ['a null time zone', { timezone: null }],
    ['only an email', { email: 'new@b.example' }],
    ['a cleared last name', { last_name: null }],
    ['an updatable field next to unknown ones', { telephone: '1', hobby: 'chess' }],
    ['a uuid next to an updatable field', { uuid: 'not even a uuid', state: 2 }],
  ])('accepts a UserProfileUpdated with %s', (_name, data) => {
    expect(check(profile(data))).toBe('ok');
  });

  it.each<[string, Record<string, Json>]>([
    ['no fields', {}],
    ['only unknown fields', { hobby: 'chess' }],
    ['only a uuid', { uuid: uuid() }],
    ['a null email', { email: null }],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }],
    ['a first_name of 257 code points', { first_name: 'n'.repeat(257) }],
  ])('rejects a UserProfileUpdated with %s', (_name, data) => {
    expect(check(profile(data))).toBe('invalid_data');
  });

  it('explains an update without updatable fields', () => {
    expect(detailOf(profile({ hobby: 'chess' }))).toBe('data: contains none of the updatable profile fields');
  });

  it.each(['AllergyAdded', 'IllnessAdded'])('validates %s', (type) => {
    expect(check(envelope(type, { id: 1, text: 'Acne' }))).toBe('ok');
    expect(check(envelope(type, { id: 1, text: '', extra: 1 }))).toBe('ok');
    expect(check(envelope(type, { id: 1, text: '😀'.repeat(256) }))).toBe('ok');
    expect(check(envelope(type, { id: 1, text: '😀'.repeat(257) }))).toBe('invalid_data');
    expect(check(envelope(type, { id: 1 }))).toBe('invalid_data');
    expect(check(envelope(type, { id: 1, text: null }))).toBe('invalid_data');
    expect(check(envelope(type, { id: 0, text: 'Acne' }))).toBe('invalid_data');
    expect(check(envelope(type, { text: 'Acne' }))).toBe('invalid_data');
  });

  it.each(['AllergyRemoved', 'IllnessRemoved', 'MetricRemoved'])('validates %s', (type) => {
    expect(check(envelope(type, { id: 2 ** 53 - 1 }))).toBe('ok');
    expect(check(envelope(type, { id: 1, why: 'gone' }))).toBe('ok');
    expect(check(envelope(type, { id: 2 ** 53 }))).toBe('invalid_data');
    expect(check(envelope(type, { id: 1.5 }))).toBe('invalid_data');
    expect(check(envelope(type, { id: '1' }))).toBe('invalid_data');
    expect(check(envelope(type, {}))).toBe('invalid_data');
  });
});

describe('invalid_data for devices and metrics', () => {
  it('validates DeviceRegistered', () => {
    expect(check(envelope('DeviceRegistered', { id: 1, uuid: uuid() }))).toBe('ok');
    expect(
      check(
        envelope('DeviceRegistered', {
          id: 1,
          uuid: uuid(),
          manufacturer: 'Apple',
          device_code: 'W',
          name: null,
        }),
      ),
    ).toBe('ok');
    expect(check(envelope('DeviceRegistered', { id: 1 }))).toBe('invalid_data');
    expect(check(envelope('DeviceRegistered', { id: 1, uuid: 'x' }))).toBe('invalid_data');
    expect(check(envelope('DeviceRegistered', { id: 1, uuid: uuid(), name: 'n'.repeat(257) }))).toBe(
      'invalid_data',
    );
    expect(check(envelope('DeviceRegistered', { id: 1, uuid: uuid(), manufacturer: 5 }))).toBe(
      'invalid_data',
    );
  });

  it.each(['heartRate', 'stepCount', 'blood.pressure-2_x', 'a', 'A'.repeat(64)])(
    'accepts the metric type %j',
    (type) => {
      expect(check(metric({ type }))).toBe('ok');
    },
  );

  it.each(['', 'heart rate', 'a/b', 'é', 'A'.repeat(65), 'x\n'])('rejects the metric type %j', (type) => {
    expect(check(metric({ type }))).toBe('invalid_data');
  });

  it.each<[string, Record<string, Json>]>([
    ['a null unit and application_id', { unit: null, application_id: null }],
    ['a unit and an application_id', { unit: 'count/min', application_id: 9 }],
    ['unknown extra fields', { colour: 'red' }],
  ])('accepts a MetricRegistered with %s', (_name, data) => {
    expect(check(metric(data))).toBe('ok');
  });

  it.each<[string, Record<string, Json>]>([
    ['a numeric unit', { unit: 5 }],
    ['a unit of 257 code points', { unit: 'u'.repeat(257) }],
    ['application_id 0', { application_id: 0 }],
    ['a string application_id', { application_id: '9' }],
    ['device_id 0', { device_id: 0 }],
    ['a non-UUID uuid', { uuid: 'x' }],
    ['a numeric type', { type: 5 }],
  ])('rejects a MetricRegistered with %s', (_name, data) => {
    expect(check(metric(data))).toBe('invalid_data');
  });

  it('names the field in the detail', () => {
    expect(detailOf(metric({ application_id: 0 }))).toMatch(/^data\.application_id: /);
    expect(detailOf(envelope('DeviceRegistered', { id: 1 }))).toBe('data.uuid: is required');
  });
});

describe('unknown extra fields', () => {
  it('are accepted in the envelope of every type', () => {
    const values: Json[] = [
      registered(),
      profile({ state: 1 }),
      envelope('AllergyAdded', { id: 1, text: 't' }),
      envelope('IllnessAdded', { id: 1, text: 't' }),
      envelope('AllergyRemoved', { id: 1 }),
      envelope('IllnessRemoved', { id: 1 }),
      envelope('DeviceRegistered', { id: 1, uuid: uuid() }),
      metric(),
      envelope('MetricRemoved', { id: 1 }),
      sample(),
    ];
    for (const value of values) {
      const extended = { ...(value as Record<string, Json>), trace_id: 'abc', schema: { v: 2 } };
      expect(check(extended)).toBe('ok');
    }
  });
});
