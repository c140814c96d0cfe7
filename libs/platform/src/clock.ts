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

/** A clock that starts at `at` and then runs at the pace of the system clock (to rehearse a boundary). */
export function clockStartingAt(at: Date, system: Clock = systemClock): Clock {
  const shift = at.getTime() - system.now().getTime();
  return { now: () => new Date(system.now().getTime() + shift) };
}

/** `fixedAt` freezes the clock, `startAt` shifts a running one; neither means the system clock. */
export function clockFrom(options: { fixedAt?: Date; startAt?: Date }): Clock {
  if (options.fixedAt) return fixedClock(options.fixedAt);
  if (options.startAt) return clockStartingAt(options.startAt);
  return systemClock;
}
