import type { ProfileField } from '@app/contracts';
import type { Granularity } from './periods';

/**
 * Everything the projection keeps for one user between events. It is stored next to the served view, is
 * never part of a response, and holds only what a later event or a later "now" can still need.
 */
export interface DashboardState {
  readonly tenant_id: number;
  readonly user_id: number;
  /** Last applied offset per partition: a redelivered record at or below it changes nothing. */
  readonly positions: Readonly<Record<string, number>>;
  readonly profile: ProfileState | null;
  /** device id → device uuid */
  readonly devices: Readonly<Record<string, string>>;
  /** By metric id; a metric may have samples before it is registered (`definition: null`). */
  readonly metrics: Readonly<Record<string, MetricState>>;
  readonly removed_metrics: readonly number[];
  /** The zone the buckets were computed in. */
  readonly bucket_zone: string;
  /** Set when the zone changed: buckets must be recomputed from the sample history before use. */
  readonly rebucket_pending: boolean;
}

export { PROFILE_FIELDS, type ProfileField } from '@app/contracts';

export type ProfileValue = string | number | boolean | null;

export interface ProfileState {
  readonly fields: Readonly<Record<ProfileField, ProfileValue>>;
  readonly created_time: string | null;
  readonly modified_time: string | null;
  /** id → text */
  readonly allergies: Readonly<Record<string, string>>;
  readonly illnesses: Readonly<Record<string, string>>;
}

export interface MetricDefinition {
  readonly id: number;
  readonly uuid: string;
  readonly device_id: number;
  readonly type: string;
  readonly unit: string | null;
  readonly application_id: number | null;
}

/** `[sum, count]` of the numeric quantities in one period. */
export type Bucket = readonly [number, number];
export type Buckets = Readonly<Record<Granularity, Readonly<Record<string, Bucket>>>>;

export interface LatestSample {
  readonly epoch_ms: number;
  readonly nanos: number;
  /** Log position, to order samples taken at the same instant. */
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: string;
  readonly value: number | null;
  readonly results_str: string | null;
}

export interface MetricState {
  readonly definition: MetricDefinition | null;
  readonly buckets: Buckets;
  /** Up to ten samples, latest first. */
  readonly latest: readonly LatestSample[];
}

export const DEFAULT_ZONE = 'UTC';
export const LATEST_LIMIT = 10;

export function emptyBuckets(): Buckets {
  return { day: {}, week: {}, month: {}, year: {} };
}

export function initialState(tenantId: number, userId: number): DashboardState {
  return {
    tenant_id: tenantId,
    user_id: userId,
    positions: {},
    profile: null,
    devices: {},
    metrics: {},
    removed_metrics: [],
    bucket_zone: DEFAULT_ZONE,
    rebucket_pending: false,
  };
}

/** The zone periods are evaluated in: the profile's, else UTC. */
export function effectiveZone(state: Pick<DashboardState, 'profile'>): string {
  const zone = state.profile?.fields.timezone;
  return typeof zone === 'string' && zone.length > 0 ? zone : DEFAULT_ZONE;
}
