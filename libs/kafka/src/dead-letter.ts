import { DLQ_HEADERS, truncateUtf8, type RejectReason } from '@app/contracts';
import type { IHeaders, Message } from 'kafkajs';

export interface SourceRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
}

export interface Rejection {
  readonly reason: RejectReason;
  readonly detail: string;
}

/**
 * The dead-letter copy of a rejected record: original key, value bytes and headers untouched, plus the
 * `x-dlq-*` headers of the contract.
 */
export function deadLetterMessage(record: SourceRecord, rejection: Rejection, failedAt: Date): Message {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...(record.headers ?? {}),
      [DLQ_HEADERS.reason]: rejection.reason,
      [DLQ_HEADERS.error]: truncateUtf8(rejection.detail),
      [DLQ_HEADERS.sourceTopic]: record.topic,
      [DLQ_HEADERS.sourcePartition]: String(record.partition),
      [DLQ_HEADERS.sourceOffset]: record.offset,
      [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}
