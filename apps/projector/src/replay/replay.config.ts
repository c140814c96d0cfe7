import { loadConfig } from '@app/platform';
import { makeValidator } from 'envalid';
import { projectorEnv } from '../projector.config';

const count = (min: number) =>
  makeValidator<number>((input) => {
    const value = Number(input);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`must be a whole number ≥ ${min}, got "${input}"`);
    return value;
  });

/** The projector's variables (topics, group, tuning, clock) plus those of the replay commands. */
export const replayEnv = {
  ...projectorEnv,
  REPLAY_LOCK_TTL_MS: count(1000)({
    default: 30_000,
    desc: 'how long the replay lock outlives its last heartbeat (a killed replay blocks others this long)',
  }),
  REPLAY_SWITCH_MAX_LAG: count(0)({
    default: 1000,
    desc: 'records the replay may still be behind the topic end when it asks the live projector to pause',
  }),
  REPLAY_SWITCH_TIMEOUT_MS: count(1000)({
    default: 60_000,
    desc: 'longest the live projector stays paused for a switch; past it the switch is cancelled and retried',
  }),
  REPLAY_RETAIN_VERSIONS: count(0)({
    default: 1,
    desc: 'previous read-model versions kept after a switch (older ones are dropped); --drop-old drops all',
  }),
  REPLAY_PARTITIONS_CONSUMED_CONCURRENTLY: count(1)({
    default: 2,
    desc:
      'partitions a replay folds at once; kept below the projector’s so that both together stay under ' +
      'FerretDB’s pool of statements in flight (more never answer)',
  }),
  REPLAY_PROGRESS_INTERVAL_MS: count(100)({
    default: 5000,
    desc: 'interval of the progress log lines when stderr is not a terminal',
  }),
};

export type ReplayConfig = ReturnType<typeof loadReplayConfig>;

export function loadReplayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(replayEnv, env);
}
