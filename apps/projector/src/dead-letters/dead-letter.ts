import { DLQ_HEADERS } from '@app/contracts';
import type { SourceRecord } from '@app/kafka';
import type { IHeaders } from 'kafkajs';

/** One record of the DLQ topic: the original key, value and headers plus the `x-dlq-*` headers. */
export interface DeadLetter {
  /** `<dlq topic>/<partition>/<offset>`: the identity redrive checkpoints use. */
  readonly id: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly reason: string;
  /** From `x-dlq-failed-at`; `null` if absent or unreadable. */
  readonly failedAt: Date | null;
}

export const headerText = (value: IHeaders[string]): string =>
  value === undefined ? '' : Array.isArray(value) ? value.map(String).join(',') : value.toString();

export function deadLetterOf(record: SourceRecord): DeadLetter {
  const headers = record.headers ?? {};
  const failedAt = new Date(headerText(headers[DLQ_HEADERS.failedAt]));
  return {
    id: `${record.topic}/${record.partition}/${record.offset}`,
    partition: record.partition,
    offset: Number(record.offset),
    key: record.key,
    value: record.value,
    headers,
    reason: headerText(headers[DLQ_HEADERS.reason]) || 'unknown',
    failedAt: Number.isNaN(failedAt.getTime()) ? null : failedAt,
  };
}

/** Newest first: by failure instant, then by position in the DLQ. */
export function newestFirst(a: DeadLetter, b: DeadLetter): number {
  const byTime = (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0);
  return byTime !== 0 ? byTime : b.partition - a.partition || b.offset - a.offset;
}
