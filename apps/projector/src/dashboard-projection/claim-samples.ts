import type { FoldEvent } from '@app/dashboard';
import { claimSamples, type ClaimAttempt, type SampleDocument } from '@app/mongo';
import type { Collection } from 'mongodb';

export const sampleKey = (userId: string, sampleId: string): string => `${userId}:${sampleId}`;

function sampleDocument(userId: string, input: FoldEvent): SampleDocument | null {
  const { event } = input;
  if (event.type !== 'QuantitySampleRecorded') return null;
  return {
    _id: sampleKey(userId, event.data.sample_id),
    user: userId,
    metric_id: event.data.metric_id,
    epoch_ms: event.startAt.epochMs,
    quantity: event.data.quantity,
    start_date: event.data.start_date,
    results_str: event.data.results_str ?? null,
    partition: input.partition,
    offset: input.offset,
  };
}

/**
 * Decides which of these (not yet applied) events are duplicates: a sample whose id was seen before, in
 * the store or earlier in this batch. Returns the events to skip.
 */
export async function findDuplicateSamples(
  samples: Collection<SampleDocument>,
  eventsByUser: ReadonlyMap<string, readonly FoldEvent[]>,
  attempt: ClaimAttempt,
): Promise<Set<FoldEvent>> {
  const duplicates = new Set<FoldEvent>();
  const firstById = new Map<string, { input: FoldEvent; doc: SampleDocument }>();
  for (const [userId, events] of eventsByUser) {
    for (const input of events) {
      const doc = sampleDocument(userId, input);
      if (!doc) continue;
      if (firstById.has(doc._id)) duplicates.add(input);
      else firstById.set(doc._id, { input, doc });
    }
  }
  const fresh = await claimSamples(
    samples,
    [...firstById.values()].map((c) => c.doc),
    attempt,
  );
  for (const [id, candidate] of firstById) if (!fresh.has(id)) duplicates.add(candidate.input);
  return duplicates;
}
