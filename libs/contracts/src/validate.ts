/**
 * Validation of one Kafka record against the event contract (events.md, "Rejections").
 *
 * Checks run in the order of the rejection table, and the first failing one is reported:
 * too_large → invalid_json → invalid_envelope → key_mismatch → unsupported_event → invalid_data.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { EVENT_TYPES, SUPPORTED_VERSION, type DomainEventEnvelope, type EventType } from './events';
import { addMillis, compareInstants, parseInstant, type Instant } from './instant';
import { dataSchemas, envelopeSchema } from './schemas';
import { MAX_VALUE_BYTES } from './topics';

/** The reason codes of a rejection, in precedence order (the first that applies is recorded). */
export const REJECT_REASONS = [
  'too_large',
  'invalid_json',
  'invalid_envelope',
  'key_mismatch',
  'unsupported_event',
  'invalid_data',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** Outcome of {@link validateRecord}. `detail` is short and names the field; DLQ writers truncate it to 1 KiB. */
export type ValidationResult =
  | { readonly ok: true; readonly event: DomainEventEnvelope }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

/** A `start_date` may be at most this much later than `occurred_at` (exactly 5 minutes is allowed). */
export const MAX_START_AHEAD_MS = 5 * 60 * 1000;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Zone names start with a letter; this also keeps out offset strings newer runtimes accept as zones. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
const zoneCache = new Map<string, boolean>();
const ZONE_CACHE_LIMIT = 2048;

/** True when `name` is an IANA time zone name the runtime knows (case-insensitive, like luxon and Intl). */
export function isValidTimeZone(name: string): boolean {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached;
  let valid = false;
  if (ZONE_NAME.test(name)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      valid = true;
    } catch {
      valid = false;
    }
  }
  if (zoneCache.size < ZONE_CACHE_LIMIT) zoneCache.set(name, valid);
  return valid;
}

/**
 * The last few date-times the `date-time` format checked, with their parse results, so that the
 * instants handed to the fold are not parsed a second time (a record has at most 3 date-times on
 * the hot path: occurred_at, start_date, end_date).
 */
const RECENT = 4;
const recentTexts: string[] = new Array<string>(RECENT).fill('');
const recentInstants: (Instant | null)[] = new Array<Instant | null>(RECENT).fill(null);
let recentNext = 0;

function checkDateTime(text: string): boolean {
  const instant = parseInstant(text);
  recentTexts[recentNext] = text;
  recentInstants[recentNext] = instant;
  recentNext = (recentNext + 1) % RECENT;
  return instant !== null;
}

/** The instant of a string the schema already accepted as a date-time. */
function instantOf(text: string): Instant {
  for (let i = 0; i < RECENT; i++) {
    if (recentTexts[i] === text) {
      const hit = recentInstants[i];
      if (hit !== null) return hit;
    }
  }
  return parseInstant(text) as Instant;
}

const ajv = new Ajv2020({
  allErrors: false,
  strict: true,
  strictNumbers: true, // NaN and ±Infinity (JSON.parse('1e400')) are not numbers
  strictRequired: false, // the UserProfileUpdated "at least one field" rule is anyOf [{required: [f]}]
  allowUnionTypes: true,
  verbose: true, // errors carry the offending value (only built on the error path)
  formats: {
    uuid: UUID,
    'date-time': { type: 'string', validate: checkDateTime },
    'iana-time-zone': { type: 'string', validate: isValidTimeZone },
  },
});

const validateEnvelope = ajv.compile(envelopeSchema);
const dataValidators = new Map<string, ValidateFunction>(
  EVENT_TYPES.map((type) => [type, ajv.compile(dataSchemas[type])]),
);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const reject = (reason: RejectReason, detail: string): ValidationResult => ({ ok: false, reason, detail });

/**
 * Validates one record of the events topic.
 *
 * @param key the record key (`"<tenant_id>:<user_id>"` as UTF-8); `null` never matches
 * @param value the record value bytes; `null` or empty is `invalid_json`
 * @returns the validated event with its parsed instants, or the first reason (table order) it is rejected for
 */
export function validateRecord(key: Buffer | string | null, value: Buffer | null): ValidationResult {
  // too_large
  if (value !== null && value.length > MAX_VALUE_BYTES) {
    return reject('too_large', `value: ${value.length} bytes exceeds ${MAX_VALUE_BYTES}`);
  }

  // invalid_json
  if (value === null || value.length === 0) return reject('invalid_json', 'value: is empty');
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return reject('invalid_json', 'value: is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return reject('invalid_json', `value: is not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return reject('invalid_json', `value: is ${jsonKind(parsed)}, not a JSON object`);
  }

  // invalid_envelope
  if (!validateEnvelope(parsed)) return reject('invalid_envelope', describe('', validateEnvelope.errors));
  const envelope = parsed as RawEnvelope;

  // key_mismatch
  const expectedKey = `${envelope.tenant_id}:${envelope.user_id}`;
  if (!keyMatches(key, expectedKey)) {
    return reject('key_mismatch', `key: ${describeKey(key)} is not "${expectedKey}"`);
  }

  // unsupported_event
  const validateData = dataValidators.get(envelope.type);
  if (validateData === undefined) {
    return reject(
      'unsupported_event',
      `type: ${truncate(JSON.stringify(envelope.type))} is not a known event type`,
    );
  }
  if (envelope.version !== SUPPORTED_VERSION) {
    return reject('unsupported_event', `version: ${envelope.version} is not supported (only 1)`);
  }

  // invalid_data
  const data = envelope.data;
  if (!validateData(data)) return reject('invalid_data', describe('data', validateData.errors));
  const occurredAt = instantOf(envelope.occurred_at);
  const event = {
    event_id: envelope.event_id,
    type: envelope.type,
    version: SUPPORTED_VERSION,
    occurred_at: envelope.occurred_at,
    tenant_id: envelope.tenant_id,
    user_id: envelope.user_id,
    data,
    occurredAt,
  };
  if (envelope.type === 'QuantitySampleRecorded') {
    const sample = data as { start_date: string; end_date: string };
    const startAt = instantOf(sample.start_date);
    const endAt = instantOf(sample.end_date);
    if (compareInstants(endAt, startAt) < 0) {
      return reject('invalid_data', 'data.end_date: is earlier than start_date');
    }
    const latestStart = addMillis(occurredAt, MAX_START_AHEAD_MS);
    if (compareInstants(startAt, latestStart) > 0) {
      return reject('invalid_data', 'data.start_date: is more than 5 minutes after occurred_at');
    }
    return { ok: true, event: { ...event, startAt, endAt } as DomainEventEnvelope };
  }
  return { ok: true, event: event as DomainEventEnvelope };
}

interface RawEnvelope {
  event_id: string;
  type: EventType;
  version: number;
  occurred_at: string;
  tenant_id: number;
  user_id: number;
  data: Record<string, unknown>;
}

function keyMatches(key: Buffer | string | null, expected: string): boolean {
  if (key === null) return false;
  if (typeof key === 'string') return key === expected;
  // `expected` is ASCII, so a byte-wise latin1 view matches exactly the UTF-8 encoding of it.
  return key.length === expected.length && key.toString('latin1') === expected;
}

function describeKey(key: Buffer | string | null): string {
  if (key === null) return 'null';
  const text = typeof key === 'string' ? key : key.toString('utf8');
  return truncate(JSON.stringify(text));
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Turns the first ajv error into `field.path: problem`. */
function describe(root: string, errors: ErrorObject[] | null | undefined): string {
  // an anyOf failure lists its branches' errors first and its own last: report the anyOf itself
  const error = errors?.find((e) => e.keyword === 'anyOf') ?? errors?.[0];
  if (error === undefined) return `${root || 'value'}: is invalid`;
  let path = root;
  for (const segment of error.instancePath.split('/').slice(1)) {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path = path ? `${path}.${name}` : name;
  }
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return `${path ? `${path}.` : ''}${missing}: is required`;
    }
    case 'anyOf':
      return `${path || 'value'}: contains none of the updatable profile fields`;
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type).replace(',', ' or ');
      const actual = error.data;
      if (typeof actual === 'number' && !Number.isFinite(actual)) {
        return `${path}: is not a finite number`;
      }
      return `${path}: must be ${expected}, got ${jsonKind(actual)}`;
    }
    case 'format': {
      const format = (error.params as { format: string }).format;
      const what =
        format === 'date-time'
          ? 'an RFC 3339 date-time with offset'
          : format === 'iana-time-zone'
            ? 'a known IANA time zone'
            : `a ${format}`;
      return `${path}: ${truncate(JSON.stringify(error.data))} is not ${what}`;
    }
    case 'maxLength':
      return `${path}: is longer than ${(error.params as { limit: number }).limit} characters`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}
