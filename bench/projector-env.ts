export interface ProjectorSettings {
  /** Extra projector variables (`BATCH_CHUNK_SIZE`, …) for a before/after comparison. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/**
 * Env for every projector the bench starts: the production session timeout (30 s) rather than the test
 * helper's 6 s, which exists only so that killed projectors lose their partitions quickly. The consumer
 * heartbeats during long chunks, so a slow store does not cost the partitions either way.
 */
export function benchProjectorEnv(settings: ProjectorSettings): Record<string, string> {
  return {
    CONSUMER_SESSION_TIMEOUT_MS: '30000',
    ...settings.overrides,
  };
}
