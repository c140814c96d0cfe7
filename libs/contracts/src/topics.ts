/** Kafka topic names, DLQ headers and size limits of the event contract (spec: events.md). */

/** Default name of the event store topic (key `"<tenant_id>:<user_id>"`, value one JSON envelope). */
export const DEFAULT_EVENTS_TOPIC = 'biometrics.events.v1';
/** Default name of the dead-letter topic (original key, value and headers plus the DLQ headers). */
export const DEFAULT_DLQ_TOPIC = 'biometrics.events.v1.dlq';

/** A record value larger than this many bytes is rejected as `too_large` (exactly 64 KiB is allowed). */
export const MAX_VALUE_BYTES = 64 * 1024;
/** The `x-dlq-error` header holds at most this many bytes of UTF-8. */
export const MAX_DLQ_ERROR_BYTES = 1024;

/** Header names added to a dead-lettered record. */
export const DLQ_HEADERS = {
  /** One of the reason codes (`RejectReason`). */
  reason: 'x-dlq-reason',
  /** Human-readable detail, at most {@link MAX_DLQ_ERROR_BYTES} bytes. */
  error: 'x-dlq-error',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  /** RFC 3339 UTC instant of the rejection. */
  failedAt: 'x-dlq-failed-at',
} as const;

export type DlqHeaderName = (typeof DLQ_HEADERS)[keyof typeof DLQ_HEADERS];

/** The topic names in use. */
export interface Topics {
  readonly events: string;
  readonly dlq: string;
}

/**
 * Topic names from the environment: `EVENTS_TOPIC` and `DLQ_TOPIC` override the defaults
 * (an unset, empty or blank variable keeps the default; surrounding blanks are trimmed).
 */
export function topicsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Topics {
  const pick = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    return value ? value : fallback;
  };
  return { events: pick('EVENTS_TOPIC', DEFAULT_EVENTS_TOPIC), dlq: pick('DLQ_TOPIC', DEFAULT_DLQ_TOPIC) };
}

/**
 * Cuts `text` to at most `maxBytes` bytes of UTF-8 without splitting a character
 * (for the `x-dlq-error` header).
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_DLQ_ERROR_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}
