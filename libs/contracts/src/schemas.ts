/**
 * JSON Schemas (draft 2020-12) of the event contract: the single source of truth.
 *
 * Each schema is a TypeScript `as const` object; `events.ts` derives the TypeScript types from
 * these very objects (json-schema-to-ts `FromSchema`), `validate.ts` compiles them with ajv, and
 * `scripts/contracts/write-schemas.ts` publishes them as `libs/contracts/schemas/*.json`.
 *
 * Unknown extra fields are allowed everywhere (no `additionalProperties: false`).
 *
 * Formats: `date-time` is RFC 3339 as implemented by `instant.ts` (offset required, at most
 * 9 fractional digits, no leap second); `uuid` is the 8-4-4-4-12 hex form (any case, no `urn:`
 * prefix); `iana-time-zone` is a time zone name known to the runtime's IANA database.
 *
 * Rules JSON Schema cannot express are enforced by `validateRecord` and documented with
 * `$comment`: numbers must be finite (JSON cannot carry Infinity, but JSON.parse turns `1e400`
 * into it), `end_date >= start_date`, `start_date <= occurred_at + 5 minutes`.
 */

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const ID_BASE = 'https://schemas.biometrics.invalid/events/v1/';

/** Largest id, tenant id and user id: 2^53 - 1. */
export const MAX_ID = 9007199254740991;

const id = { type: 'integer', minimum: 1, maximum: MAX_ID } as const;
const nullableId = { type: ['integer', 'null'], minimum: 1, maximum: MAX_ID } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const text = { type: 'string', maxLength: 256 } as const;
const nullableText = { type: ['string', 'null'], maxLength: 256 } as const;
const nullableNonNegative = { type: ['number', 'null'], minimum: 0 } as const;

/** Profile fields of `UserRegistered` other than `uuid` and `email`; all optional, all nullable. */
const profileProperties = {
  first_name: nullableText,
  last_name: nullableText,
  timezone: {
    type: ['string', 'null'],
    format: 'iana-time-zone',
    maxLength: 256,
    description: 'IANA time zone name such as America/Toronto; UTC when absent from UserRegistered.',
  },
  language: nullableText,
  country: nullableText,
  country_tel_code: nullableText,
  telephone: nullableText,
  agree_tos: { type: ['boolean', 'null'] },
  state: { type: ['integer', 'null'] },
  date_of_birth: nullableDateTime,
  joined_time: nullableDateTime,
  gender: nullableText,
  marital_status: nullableText,
  blood_group: nullableText,
  children_count: { type: ['integer', 'null'], minimum: 0 },
  height_in_meters: nullableNonNegative,
  weight_in_kg: nullableNonNegative,
  body_mass_index: nullableNonNegative,
  body_fat_percentage: nullableNonNegative,
  avatar_title: nullableText,
  avatar_file_url: { type: ['string', 'null'], maxLength: 2048 },
} as const;

const email = { type: 'string', maxLength: 320 } as const;

export type OptionalProfileField = keyof typeof profileProperties;

/** Every field of a user profile, in the order of `UserRegistered`. */
export const PROFILE_FIELDS = [
  'uuid',
  'email',
  ...(Object.keys(profileProperties) as OptionalProfileField[]),
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The fields a `UserProfileUpdated` may carry; at least one must be present. */
export const UPDATABLE_PROFILE_FIELDS = PROFILE_FIELDS.filter((f) => f !== 'uuid') as readonly string[];

export const envelopeSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}envelope.json`,
  title: 'Event envelope',
  description: 'One record value of the biometrics.events.v1 topic. Unknown extra fields are ignored.',
  type: 'object',
  required: ['event_id', 'type', 'version', 'occurred_at', 'tenant_id', 'user_id', 'data'],
  properties: {
    event_id: uuid,
    type: { type: 'string', description: 'The event type; unknown types are unsupported_event.' },
    version: { type: 'integer', description: 'Only 1 exists; other values are unsupported_event.' },
    occurred_at: dateTime,
    tenant_id: id,
    user_id: id,
    data: { type: 'object', description: 'Shape per type, see the data schemas.' },
  },
  $comment:
    'The record key must be "<tenant_id>:<user_id>". Formats: date-time is RFC 3339 with an offset, at most 9 fractional digits and seconds 00-59 (no leap second); uuid is 8-4-4-4-12 hex digits.',
} as const;

export const userRegisteredDataSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}UserRegistered.data.json`,
  title: 'UserRegistered data',
  type: 'object',
  required: ['uuid', 'email'],
  properties: { uuid, email, ...profileProperties },
  $comment: 'Numbers must be finite.',
} as const;

/** The properties of an update; the "at least one of them" rule is added below from the same list. */
const userProfileUpdatedDataBase = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}UserProfileUpdated.data.json`,
  title: 'UserProfileUpdated data',
  description:
    'A non-empty subset of the profile fields: present keys overwrite, null clears. email cannot be null; uuid is ignored.',
  type: 'object',
  properties: { email, ...profileProperties },
  $comment: 'Numbers must be finite.',
} as const;

export const userProfileUpdatedDataSchema = {
  ...userProfileUpdatedDataBase,
  anyOf: UPDATABLE_PROFILE_FIELDS.map((field) => ({ required: [field] })),
};

const entryAddedData = (name: string) =>
  ({
    $schema: SCHEMA_DIALECT,
    $id: `${ID_BASE}${name}.data.json`,
    title: `${name} data`,
    description: 'Adding an id that exists replaces its text.',
    type: 'object',
    required: ['id', 'text'],
    properties: { id, text },
  }) as const;

const removedData = (name: string, description: string) =>
  ({
    $schema: SCHEMA_DIALECT,
    $id: `${ID_BASE}${name}.data.json`,
    title: `${name} data`,
    description,
    type: 'object',
    required: ['id'],
    properties: { id },
  }) as const;

export const allergyAddedDataSchema = entryAddedData('AllergyAdded');
export const illnessAddedDataSchema = entryAddedData('IllnessAdded');
export const allergyRemovedDataSchema = removedData('AllergyRemoved', 'Removing an unknown id does nothing.');
export const illnessRemovedDataSchema = removedData('IllnessRemoved', 'Removing an unknown id does nothing.');

export const deviceRegisteredDataSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}DeviceRegistered.data.json`,
  title: 'DeviceRegistered data',
  type: 'object',
  required: ['id', 'uuid'],
  properties: { id, uuid, manufacturer: nullableText, device_code: nullableText, name: nullableText },
} as const;

export const metricRegisteredDataSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}MetricRegistered.data.json`,
  title: 'MetricRegistered data',
  description: 'Registering an id again replaces its definition but keeps its samples.',
  type: 'object',
  required: ['id', 'uuid', 'device_id', 'type'],
  properties: {
    id,
    uuid,
    device_id: id,
    type: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', description: 'Sample type, e.g. heartRate.' },
    unit: { ...nullableText, description: 'Absent means null.' },
    application_id: { ...nullableId, description: 'Absent means null.' },
  },
} as const;

export const metricRemovedDataSchema = removedData(
  'MetricRemoved',
  'The metric leaves the dashboard; metric ids are never reused.',
);

export const quantitySampleRecordedDataSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${ID_BASE}QuantitySampleRecorded.data.json`,
  title: 'QuantitySampleRecorded data',
  description: 'One reading from a wearable.',
  type: 'object',
  required: ['sample_id', 'metric_id', 'start_date', 'end_date', 'quantity'],
  properties: {
    sample_id: { ...uuid, description: 'Identity of the reading; later duplicates change nothing.' },
    metric_id: id,
    start_date: dateTime,
    end_date: dateTime,
    quantity: { type: ['number', 'null'], description: 'A finite number, or null without a numeric value.' },
    results_str: { ...nullableText, description: 'Textual form of a non-scalar reading, e.g. 120/80.' },
    sample_motion_context: { description: 'Any value; kept in the log, not projected.' },
    sample_sensor_location: { description: 'Any value; kept in the log, not projected.' },
    sample_sensor_location_other: { description: 'Any value; kept in the log, not projected.' },
  },
  $comment:
    'quantity must be finite; end_date must not be earlier than start_date; start_date must not be later than occurred_at + 5 minutes.',
} as const;

/** The data schema of every event type, keyed by type (the `$id` file names follow this key). */
export const dataSchemas = {
  UserRegistered: userRegisteredDataSchema,
  UserProfileUpdated: userProfileUpdatedDataSchema,
  AllergyAdded: allergyAddedDataSchema,
  IllnessAdded: illnessAddedDataSchema,
  AllergyRemoved: allergyRemovedDataSchema,
  IllnessRemoved: illnessRemovedDataSchema,
  DeviceRegistered: deviceRegisteredDataSchema,
  MetricRegistered: metricRegisteredDataSchema,
  MetricRemoved: metricRemovedDataSchema,
  QuantitySampleRecorded: quantitySampleRecordedDataSchema,
} as const;

/** Internal: the schema the `UserProfileUpdated` type is derived from (without the non-empty rule). */
export const userProfileUpdatedTypeSchema = userProfileUpdatedDataBase;

/** The published schema files: file name (under `libs/contracts/schemas/`) → schema. */
export function publishedSchemas(): Record<string, object> {
  const files: Record<string, object> = { 'envelope.json': envelopeSchema };
  for (const [type, schema] of Object.entries(dataSchemas)) files[`${type}.data.json`] = schema;
  return files;
}
