/** The source of "now". The domain never reads time itself; apps pass a clock's reading in. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant: for tests and for reproducing a document at a given as_of. */
export function fixedClock(at: Date): Clock {
  const frozen = at.getTime();
  return { now: () => new Date(frozen) };
}

/** `CLOCK_FIXED_AT` (an ISO instant) freezes the clock; unset means the system clock. */
export function clockFrom(fixedAt: Date | undefined): Clock {
  return fixedAt ? fixedClock(fixedAt) : systemClock;
}
