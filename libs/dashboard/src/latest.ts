import { LATEST_LIMIT, type LatestSample } from './state';

/** Positive when `a` is later than `b`: by instant, then by position in the log. */
export function compareLatest(a: LatestSample, b: LatestSample): number {
  return a.epoch_ms - b.epoch_ms || a.nanos - b.nanos || a.partition - b.partition || a.offset - b.offset;
}

/** Inserts a sample into the latest-first list, keeping at most ten. */
export function insertLatest(latest: readonly LatestSample[], sample: LatestSample): readonly LatestSample[] {
  const at = latest.findIndex((existing) => compareLatest(sample, existing) > 0);
  if (at === -1) return latest.length < LATEST_LIMIT ? [...latest, sample] : latest;
  return [...latest.slice(0, at), sample, ...latest.slice(at)].slice(0, LATEST_LIMIT);
}
