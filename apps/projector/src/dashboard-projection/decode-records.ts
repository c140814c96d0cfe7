import { validateRecord } from '@app/contracts';
import type { FoldEvent } from '@app/dashboard';
import type { Rejection, SourceRecord } from '@app/kafka';

export interface Decoded {
  readonly events: FoldEvent[];
  readonly rejected: { readonly record: SourceRecord; readonly rejection: Rejection }[];
}

/** Splits a batch into events to fold and records to dead-letter, keeping log order. */
export function decodeRecords(records: readonly SourceRecord[]): Decoded {
  const decoded: Decoded = { events: [], rejected: [] };
  for (const record of records) {
    const result = validateRecord(record.key, record.value);
    if (result.ok) {
      decoded.events.push({
        event: result.event,
        partition: record.partition,
        offset: Number(record.offset),
      });
    } else {
      decoded.rejected.push({ record, rejection: { reason: result.reason, detail: result.detail } });
    }
  }
  return decoded;
}
