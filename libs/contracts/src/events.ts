/**
 * TypeScript types of the event contract, derived from the JSON Schemas in `schemas.ts`
 * (json-schema-to-ts `FromSchema`) so the two cannot drift.
 */
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Instant } from './instant';
import type {
  allergyAddedDataSchema,
  allergyRemovedDataSchema,
  deviceRegisteredDataSchema,
  illnessAddedDataSchema,
  illnessRemovedDataSchema,
  metricRegisteredDataSchema,
  metricRemovedDataSchema,
  quantitySampleRecordedDataSchema,
  userProfileUpdatedTypeSchema,
  userRegisteredDataSchema,
} from './schemas';

export type { Instant } from './instant';

/** Every event type of version 1, in the order of events.md. */
export const EVENT_TYPES = [
  'UserRegistered',
  'UserProfileUpdated',
  'AllergyAdded',
  'IllnessAdded',
  'AllergyRemoved',
  'IllnessRemoved',
  'DeviceRegistered',
  'MetricRegistered',
  'MetricRemoved',
  'QuantitySampleRecorded',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The only envelope `version` that exists today. */
export const SUPPORTED_VERSION = 1;

/** Event types that create or change the user profile part of the dashboard. */
export const USER_PROFILE_EVENT_TYPES = [
  'UserRegistered',
  'UserProfileUpdated',
  'AllergyAdded',
  'AllergyRemoved',
  'IllnessAdded',
  'IllnessRemoved',
] as const satisfies readonly EventType[];

/** Drops the `[key: string]: unknown` index signature FromSchema adds for open objects, makes it readonly. */
type Known<T> = { readonly [K in keyof T as string extends K ? never : K]: T[K] };
type Data<S extends JSONSchema> = Known<FromSchema<S>>;

export type UserRegisteredData = Data<typeof userRegisteredDataSchema>;
/** Any non-empty subset of the profile fields (checked at run time; not expressible in the type). */
export type UserProfileUpdatedData = Data<typeof userProfileUpdatedTypeSchema>;
export type AllergyAddedData = Data<typeof allergyAddedDataSchema>;
export type IllnessAddedData = Data<typeof illnessAddedDataSchema>;
export type AllergyRemovedData = Data<typeof allergyRemovedDataSchema>;
export type IllnessRemovedData = Data<typeof illnessRemovedDataSchema>;
export type DeviceRegisteredData = Data<typeof deviceRegisteredDataSchema>;
export type MetricRegisteredData = Data<typeof metricRegisteredDataSchema>;
export type MetricRemovedData = Data<typeof metricRemovedDataSchema>;
export type QuantitySampleRecordedData = Data<typeof quantitySampleRecordedDataSchema>;

/** The `data` type of each event type. */
export interface EventDataMap {
  UserRegistered: UserRegisteredData;
  UserProfileUpdated: UserProfileUpdatedData;
  AllergyAdded: AllergyAddedData;
  IllnessAdded: IllnessAddedData;
  AllergyRemoved: AllergyRemovedData;
  IllnessRemoved: IllnessRemovedData;
  DeviceRegistered: DeviceRegisteredData;
  MetricRegistered: MetricRegisteredData;
  MetricRemoved: MetricRemovedData;
  QuantitySampleRecorded: QuantitySampleRecordedData;
}

/** The JSON envelope of one event of type `T`, exactly as published (original strings untouched). */
export interface Envelope<T extends EventType = EventType> {
  readonly event_id: string;
  readonly type: T;
  readonly version: typeof SUPPORTED_VERSION;
  /** RFC 3339, exactly as it arrived. */
  readonly occurred_at: string;
  readonly tenant_id: number;
  readonly user_id: number;
  readonly data: EventDataMap[T];
}

/** Any event: a union discriminated on `type`. */
export type DomainEvent = { [T in EventType]: Envelope<T> }[EventType];

/** The parsed instants of a `QuantitySampleRecorded`. */
export interface SampleInstants {
  /** `data.start_date`, parsed. */
  readonly startAt: Instant;
  /** `data.end_date`, parsed. */
  readonly endAt: Instant;
}

/**
 * A validated event of type `T`: the envelope plus the instants the fold needs, parsed once by
 * `validateRecord` (`occurredAt` always; `startAt`/`endAt` for `QuantitySampleRecorded`).
 */
export type ValidatedEnvelope<T extends EventType = EventType> = Envelope<T> & {
  /** `occurred_at`, parsed. */
  readonly occurredAt: Instant;
} & (T extends 'QuantitySampleRecorded' ? SampleInstants : unknown);

/** Any validated event: a union discriminated on `type`. */
export type DomainEventEnvelope = { [T in EventType]: ValidatedEnvelope<T> }[EventType];
