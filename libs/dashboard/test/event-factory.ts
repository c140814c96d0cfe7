/** Builders of validated events for the dashboard tests (not a test file). */
import { validateRecord, type DomainEventEnvelope, type EventType } from '@app/contracts';

export interface Owner {
  readonly tenant_id: number;
  readonly user_id: number;
}

export const OWNER: Owner = { tenant_id: 3, user_id: 2 };

/** A valid UUID made of a kind tag and a number, so that tests can reuse ids on purpose. */
export function uuidOf(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * An RFC 3339 string for an instant (`epochMs` plus sub-millisecond `nanos`) written at a fixed UTC offset
 * with `digits` fractional digits (the fraction is truncated, so fewer digits may move the instant back).
 */
export function rfc3339(
  epochMs: number,
  options: { nanos?: number; offsetMinutes?: number; digits?: number } = {},
): string {
  const { nanos = 0, offsetMinutes = 0, digits = 3 } = options;
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const fraction = String(local.getUTCMilliseconds() * 1_000_000 + nanos)
    .padStart(9, '0')
    .slice(0, digits);
  const abs = Math.abs(offsetMinutes);
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${digits > 0 ? `.${fraction}` : ''}${zone}`
  );
}

let eventCounter = 0;

/** Validates one envelope exactly as the projector would receive it; a rejection is a bug in the test. */
export function validated(
  type: EventType,
  data: Record<string, unknown>,
  occurredAt: string,
  owner: Owner = OWNER,
  eventId: string = uuidOf(0xe0, ++eventCounter),
): DomainEventEnvelope {
  const value = { event_id: eventId, type, version: 1, occurred_at: occurredAt, ...owner, data };
  const result = validateRecord(`${owner.tenant_id}:${owner.user_id}`, Buffer.from(JSON.stringify(value)));
  if (!result.ok) throw new Error(`test event rejected (${result.reason}): ${result.detail}`);
  return result.event;
}

/** A small fluent log of one user's events, for the example tests. */
export class EventLog {
  readonly events: DomainEventEnvelope[] = [];

  constructor(
    readonly owner: Owner = OWNER,
    private occurredAt = '2022-01-16T12:00:00Z',
  ) {}

  /** Sets the `occurred_at` of the events added next. */
  at(occurredAt: string): this {
    this.occurredAt = occurredAt;
    return this;
  }

  add(type: EventType, data: Record<string, unknown>): this {
    this.events.push(validated(type, data, this.occurredAt, this.owner));
    return this;
  }

  registered(data: Record<string, unknown> = {}): this {
    return this.add('UserRegistered', { uuid: uuidOf(0xa0, 1), email: 'a@example.invalid', ...data });
  }

  updated(data: Record<string, unknown>): this {
    return this.add('UserProfileUpdated', data);
  }

  device(id: number, uuidNo = id): this {
    return this.add('DeviceRegistered', { id, uuid: uuidOf(0xd0, uuidNo) });
  }

  metric(id: number, data: Record<string, unknown> = {}): this {
    return this.add('MetricRegistered', {
      id,
      uuid: uuidOf(0xc0, id),
      device_id: 1,
      type: 'heartRate',
      ...data,
    });
  }

  removeMetric(id: number): this {
    return this.add('MetricRemoved', { id });
  }

  /** A sample; `occurred_at` is the start itself, so any start is valid. */
  sample(
    metricId: number,
    startDate: string,
    quantity: number | null,
    data: Record<string, unknown> = {},
  ): this {
    const sampleId = uuidOf(0x50, this.events.length + 1);
    this.events.push(
      validated(
        'QuantitySampleRecorded',
        {
          sample_id: sampleId,
          metric_id: metricId,
          start_date: startDate,
          end_date: startDate,
          quantity,
          ...data,
        },
        startDate,
        this.owner,
      ),
    );
    return this;
  }
}
