export interface ProjectorSettings {
  /** Extra projector variables (`BATCH_CHUNK_SIZE`, …) for a before/after comparison. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/**
 * Env for every projector the bench starts. kafkajs heartbeats only between chunks, and on FerretDB
 * one chunk can take longer than the test helper's 6 s or even the production default of 30 s
 * (every replace scans the collection): the group then evicts the projector, which redoes the chunk
 * forever. The bench allows 5 minutes so that it measures folding, not that livelock.
 */
export function benchProjectorEnv(settings: ProjectorSettings): Record<string, string> {
  return {
    CONSUMER_SESSION_TIMEOUT_MS: '300000',
    ...settings.overrides,
  };
}
