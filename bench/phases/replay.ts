import { cliEnv, startCli } from '../../test/support/run-cli';
import { benchProjectorEnv } from '../projector-env';
import type { BenchOptions } from '../options';
import type { BenchSystem } from '../system';

export interface ReplayResult {
  readonly records: number;
  readonly users: number;
  readonly rejects: number;
  /** Wall time of the whole command's work: lock, fold from offset 0, catch-up and switch. */
  readonly seconds: number;
  readonly rate: number;
}

/** The fields of the command's `replay finished` log line that the report uses. */
interface ReplayFinished {
  readonly msg: string;
  readonly records: number;
  readonly users: number;
  readonly rejects: number;
  readonly durationMs: number;
}

/** The newest JSON log line with this message, if any. */
function lastLine<T extends { msg: string }>(output: string, msg: string): T | undefined {
  for (const line of output.split('\n').reverse()) {
    if (!line.startsWith('{') || !line.includes(`"msg":"${msg}"`)) continue;
    return JSON.parse(line) as T;
  }
  return undefined;
}

/**
 * `npm run replay` as an operator runs it, on the backlog the fold phase drained: a new read-model version
 * built from offset 0 and switched to (no live projector runs meanwhile, so the switch does not wait).
 * Its clock is fixed where the fold phase's projector had it, so both build the same documents.
 */
export async function measureReplay(
  system: BenchSystem,
  clockAt: Date,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ReplayResult> {
  const env = cliEnv(system.names, {
    ...benchProjectorEnv({ overrides: options.projectorEnv }),
    CLOCK_FIXED_AT: clockAt.toISOString(),
  });
  log('replay: npm run replay on the fold backlog');
  const run = startCli('replay/replay.cli.ts', [], env);
  const progress = setInterval(() => {
    const line = lastLine<{ msg: string; done: number; total: number }>(run.output(), 'replay progress');
    if (line) log(`replay: ${line.done} of ${line.total} records`);
  }, 10_000);
  const { code } = await run.exited.finally(() => clearInterval(progress));
  const done = lastLine<ReplayFinished>(run.output(), 'replay finished');
  if (code !== 0 || !done) throw new Error(`replay exited ${code}:\n${run.output().slice(-4000)}`);
  const seconds = done.durationMs / 1000;
  return {
    records: done.records,
    users: done.users,
    rejects: done.rejects,
    seconds,
    rate: done.records / seconds,
  };
}
