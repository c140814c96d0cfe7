import type { DomainEventEnvelope, ValidatedEnvelope } from '@app/contracts';

export interface LogPosition {
  readonly partition: number;
  readonly offset: number;
}

/** A validated event at its position in the log: the input of the fold. */
export interface FoldEvent extends LogPosition {
  readonly event: DomainEventEnvelope;
}

export type SampleRecorded = ValidatedEnvelope<'QuantitySampleRecorded'>;
