import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import {
  EVENT_TYPES,
  UPDATABLE_PROFILE_FIELDS,
  dataSchemas,
  envelopeSchema,
  publishedSchemas,
  type EventDataMap,
  type MetricRegisteredData,
  type QuantitySampleRecordedData,
  type UserProfileUpdatedData,
} from '@app/contracts';

const SCHEMAS_DIR = resolve(__dirname, '../schemas');

describe('the published JSON Schema files', () => {
  const wanted = publishedSchemas();

  it('are exactly the files the generator writes (run `npm run schemas` after changing schemas.ts)', () => {
    const committed = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.json'));
    expect(committed.sort()).toEqual(Object.keys(wanted).sort());
  });

  it.each(Object.keys(publishedSchemas()))('%s equals the source schema, key order included', (name) => {
    const committed: unknown = JSON.parse(readFileSync(resolve(SCHEMAS_DIR, name), 'utf8'));
    expect(JSON.stringify(committed)).toBe(JSON.stringify(wanted[name]));
  });

  it('cover the envelope and the data of every event type', () => {
    expect(Object.keys(dataSchemas).sort()).toEqual([...EVENT_TYPES].sort());
    expect(wanted['envelope.json']).toBe(envelopeSchema);
  });

  it('never forbid unknown fields', () => {
    expect(JSON.stringify(wanted)).not.toContain('additionalProperties');
    expect(JSON.stringify(wanted)).not.toContain('unevaluatedProperties');
  });

  it('compile in a fresh strict ajv with only format names declared', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    for (const format of ['uuid', 'date-time', 'iana-time-zone']) ajv.addFormat(format, true);
    for (const schema of Object.values(wanted)) expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('require at least one updatable field in an update, from the same field list', () => {
    expect(UPDATABLE_PROFILE_FIELDS).toContain('email');
    expect(UPDATABLE_PROFILE_FIELDS).toContain('timezone');
    expect(UPDATABLE_PROFILE_FIELDS).not.toContain('uuid');
    expect(dataSchemas.UserProfileUpdated.anyOf).toEqual(
      UPDATABLE_PROFILE_FIELDS.map((f) => ({ required: [f] })),
    );
    expect(Object.keys(dataSchemas.UserProfileUpdated.properties).sort()).toEqual(
      [...UPDATABLE_PROFILE_FIELDS].sort(),
    );
  });
});

describe('the derived TypeScript types', () => {
  it('follow the schemas (checked by the compiler)', () => {
    const sample: QuantitySampleRecordedData = {
      sample_id: '9b1d7d16-06fc-4c3b-83cc-e8c50e828e9d',
      metric_id: 3,
      start_date: '2022-01-16T19:59:00Z',
      end_date: '2022-01-16T19:59:00Z',
      quantity: null,
    };
    const update: UserProfileUpdatedData = { timezone: null };
    const metric: MetricRegisteredData = { id: 1, uuid: 'u', device_id: 1, type: 'heartRate' };
    const removed: EventDataMap['MetricRemoved'] = { id: 5 };
    // @ts-expect-error quantity is required
    const missing: QuantitySampleRecordedData = {
      sample_id: 'x',
      metric_id: 3,
      start_date: 'a',
      end_date: 'b',
    };
    // @ts-expect-error email cannot be null in an update
    const nullEmail: UserProfileUpdatedData = { email: null };
    // @ts-expect-error data is readonly
    sample.quantity = 1;
    expect([sample, update, metric, removed, missing, nullEmail]).toHaveLength(6);
  });
});
