import { currentAndPreviousKeys, GRANULARITIES, periodKeysOf, type LocalDate } from './periods';
import type { Bucket, Buckets } from './state';

/** Adds one numeric quantity to the periods of its local date. */
export function addToBuckets(buckets: Buckets, date: LocalDate, quantity: number): Buckets {
  const keys = periodKeysOf(date);
  const next = { ...buckets };
  for (const g of GRANULARITIES) {
    const old = buckets[g][keys[g]];
    const bucket: Bucket = old ? [old[0] + quantity, old[1] + 1] : [quantity, 1];
    next[g] = { ...buckets[g], [keys[g]]: bucket };
  }
  return next;
}

/**
 * Drops the periods older than the previous one of each granularity: "now" only moves forward, so no
 * average can ever read them again. Future periods stay.
 */
export function pruneBuckets(buckets: Buckets, today: LocalDate): Buckets {
  const { previous } = currentAndPreviousKeys(today);
  const next = { ...buckets };
  for (const g of GRANULARITIES) {
    const kept = Object.entries(buckets[g]).filter(([key]) => key >= previous[g]);
    if (kept.length !== Object.keys(buckets[g]).length) next[g] = Object.fromEntries(kept);
  }
  return next;
}

export function averageOf(bucket: Bucket | undefined): number | null {
  return bucket && bucket[1] > 0 ? bucket[0] / bucket[1] : null;
}
