import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { EXIT, interruptSignal, runCli, UsageError } from './cli-exit';
import { openRuntime } from './cli-runtime';
import { dropOldVersions } from './drop-old-versions';
import { runFullReplay, type ReplaySummary } from './full-replay';
import { formatSeconds } from './progress-reporter';
import { loadReplayConfig } from './replay.config';
import { LockHeld } from './replay-lock';
import { rebuildUser } from './user-rebuild';

const HELP = `Usage: npm run replay [-- options]

Rebuilds the dashboards from the first offset of the events topic into a new read-model version
(collection dashboards_v<N>, consumer group <CONSUMER_GROUP>.v<N>) while the live projector keeps serving
the current one, catches up with the live end, then switches readers and the live projector to it.
An interrupted replay resumes from its checkpoint when run again. One replay at a time.

Options:
  --user <tenant>:<user>  rebuild only this user's document, in place, in the active version
  --drop-old              drop every retained previous version, then exit
  --restart               discard an interrupted replay's version and start a new one
  -h, --help              show this help

Environment: the projector's (KAFKA_BROKERS, MONGODB_URI, MONGODB_DATABASE, EVENTS_TOPIC, CONSUMER_GROUP,
CLOCK_FIXED_AT, ...) plus REPLAY_LOCK_TTL_MS, REPLAY_SWITCH_MAX_LAG, REPLAY_SWITCH_TIMEOUT_MS,
REPLAY_RETAIN_VERSIONS, REPLAY_PARTITIONS_CONSUMED_CONCURRENTLY, REPLAY_PROGRESS_INTERVAL_MS.

Exit codes: 0 done, 1 failed (run again to resume), 2 usage or configuration error,
3 another replay holds the lock, 130 interrupted (run again to resume).
`;

function parseUser(value: string): { tenantId: number; userId: number } {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) throw new UsageError(`--user must be <tenant>:<user> (two whole numbers), got "${value}"`);
  return { tenantId: Number(match[1]), userId: Number(match[2]) };
}

function printSummary(summary: ReplaySummary): void {
  const row = (label: string, value: string | number) => `  ${label.padEnd(18)} ${value}`;
  const lines = [
    `replayed into ${summary.collection} (group ${summary.group})${summary.resumed ? ', resumed' : ''}`,
    row('records', summary.records),
    row('users', summary.users),
    row('rejects', summary.rejects),
    row('duplicate samples', summary.duplicates),
    row('duration', formatSeconds(Math.round(summary.durationMs / 1000))),
    row('rate', `${summary.recordsPerSecond} records/s`),
  ];
  if (summary.dropped.length > 0) lines.push(row('dropped', summary.dropped.join(', ')));
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      'drop-old': { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const user = values.user === undefined ? undefined : parseUser(values.user);
  const runtime = await openRuntime(loadReplayConfig(), 'replay');
  const signal = interruptSignal();
  try {
    if (user) {
      const rebuilt = await rebuildUser(runtime, user.tenantId, user.userId);
      if (!rebuilt) process.stdout.write(`no projected events for ${values.user}: nothing to rebuild\n`);
      else {
        runtime.logger.info(rebuilt, 'rebuilt one document');
        process.stdout.write(
          `rebuilt ${rebuilt.id} in ${rebuilt.collection} from partition ${rebuilt.partition} ` +
            `(${rebuilt.events} events up to offset ${rebuilt.upTo}): ` +
            `${rebuilt.changed ? 'the served view changed' : 'the served view was already right'}\n`,
        );
      }
      return EXIT.ok;
    }
    if (values['drop-old']) {
      const dropped = await dropOldVersions(runtime);
      process.stdout.write(
        dropped.length > 0 ? `dropped ${dropped.join(', ')}\n` : 'no old version to drop\n',
      );
      return EXIT.ok;
    }
    const summary = await runFullReplay(runtime, {
      tty: process.stderr.isTTY === true,
      restart: values.restart,
      signal,
    });
    runtime.logger.info(summary, 'replay finished');
    if (process.stdout.isTTY) printSummary(summary);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LockHeld) {
      process.stderr.write(`replay: ${error.message}\n`);
      return EXIT.busy;
    }
    if (signal.aborted) {
      process.stderr.write('replay: interrupted; run it again to resume\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    await runtime.close();
  }
}

runCli('replay', main);
