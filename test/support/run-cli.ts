import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { kafkaBrokers, mongoUri } from './env';
import { spawnScript } from './spawn-script';
import type { SystemNames } from './system';

export interface CliRun {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the exit code (or the signal that ended it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment an operator command needs to act on a test system (as the projector gets it). */
export function cliEnv(names: SystemNames, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    MONGODB_URI: mongoUri(),
    MONGODB_DATABASE: names.database,
    EVENTS_TOPIC: names.eventsTopic,
    DLQ_TOPIC: names.dlqTopic,
    CONSUMER_GROUP: names.group,
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts `apps/projector/src/<script>` (a CLI entry point) as a real process, without a terminal. */
export function startCli(script: string, args: readonly string[], env: Record<string, string>): CliRun {
  const { child, output } = spawnScript(join('apps/projector/src', script), args, env, 200_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

/** Runs a CLI to its end; rejects with its output if it does not exit within `timeoutMs`. */
export async function runCli(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<{ code: number | null; output: string }> {
  const run = startCli(script, args, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await run.exited;
  clearTimeout(timer);
  if (signal === 'SIGKILL') throw new Error(`${script} ${args.join(' ')} timed out:\n${run.output()}`);
  return { code, output: run.output() };
}
