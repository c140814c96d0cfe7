/**
 * The event contract shared by device gateways, the account service and the projector
 * (spec: events.md). Pure: no framework, broker or database imports.
 */
export {
  DEFAULT_DLQ_TOPIC,
  DEFAULT_EVENTS_TOPIC,
  DLQ_HEADERS,
  MAX_DLQ_ERROR_BYTES,
  MAX_VALUE_BYTES,
  topicsFromEnv,
  truncateUtf8,
  type DlqHeaderName,
  type Topics,
} from './topics';
export { addMillis, compareInstants, isRfc3339, parseInstant, toEpochNanos, type Instant } from './instant';
export {
  EVENT_TYPES,
  SUPPORTED_VERSION,
  USER_PROFILE_EVENT_TYPES,
  type AllergyAddedData,
  type AllergyRemovedData,
  type DeviceRegisteredData,
  type DomainEvent,
  type DomainEventEnvelope,
  type Envelope,
  type EventDataMap,
  type EventType,
  type IllnessAddedData,
  type IllnessRemovedData,
  type MetricRegisteredData,
  type MetricRemovedData,
  type QuantitySampleRecordedData,
  type SampleInstants,
  type UserProfileUpdatedData,
  type UserRegisteredData,
  type ValidatedEnvelope,
} from './events';
export {
  MAX_START_AHEAD_MS,
  REJECT_REASONS,
  isValidTimeZone,
  validateRecord,
  type RejectReason,
  type ValidationResult,
} from './validate';
export {
  MAX_ID,
  PROFILE_FIELDS,
  UPDATABLE_PROFILE_FIELDS,
  dataSchemas,
  envelopeSchema,
  publishedSchemas,
  type OptionalProfileField,
  type ProfileField,
} from './schemas';
