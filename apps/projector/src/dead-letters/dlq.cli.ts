import 'reflect-metadata';
import { REJECT_REASONS } from '@app/contracts';
import { parseArgs } from 'node:util';
import { EXIT, runCli, UsageError } from '../replay/cli-exit';
import { openRuntime } from '../replay/cli-runtime';
import { loadReplayConfig } from '../replay/replay.config';
import { headerText } from './dead-letter';
import { listDeadLetters, type DeadLetterListing } from './list-dead-letters';
import { redriveDeadLetters } from './redrive-dead-letters';

const HELP = `Usage: npm run dlq -- <command> [options]

Commands:
  list      counts of dead-lettered records per reason, and the newest ones with their headers
  redrive   republish selected dead letters (original key, value and headers, without x-dlq-*, plus
            x-redrive-of naming the DLQ record) to the events topic. Each DLQ record is republished at
            most once, whatever the number of runs: checkpoints per DLQ partition/offset are kept in
            MongoDB (collection dlq_redrives).

Options:
  --limit <n>        list: how many of the newest records to show (default 10)
  --reason <r[,r]>   redrive: only these reasons (${REJECT_REASONS.join(', ')})
  --since <instant>  redrive: only records dead-lettered at or after this ISO 8601 instant
  --dry-run          redrive: count what would be sent, send nothing
  -h, --help         show this help

Environment: KAFKA_BROKERS, MONGODB_URI, MONGODB_DATABASE, EVENTS_TOPIC, DLQ_TOPIC, as for the projector.
Exit codes: 0 done, 1 failed, 2 usage or configuration error.
`;

const text = (buf: Buffer | null, max = 120): string => {
  if (buf === null) return 'null';
  const s = buf.toString('utf8');
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
};

function printListing(topic: string, listing: DeadLetterListing): void {
  const lines = [`${topic}: ${listing.total} dead letters (${listing.redriven.size} redriven)`, 'by reason:'];
  for (const [reason, count] of listing.byReason) lines.push(`  ${reason.padEnd(24)} ${count}`);
  if (listing.newest.length > 0) lines.push(`newest ${listing.newest.length}:`);
  for (const l of listing.newest) {
    const mark = listing.redriven.has(l.id) ? '  [redriven]' : '';
    lines.push(`  ${l.id}  key=${text(l.key, 40)}${mark}`);
    for (const [name, value] of Object.entries(l.headers)) lines.push(`    ${name}: ${headerText(value)}`);
    lines.push(`    value: ${text(l.value)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      limit: { type: 'string', default: '10' },
      reason: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (rest.length > 0 || !['list', 'redrive'].includes(command))
    throw new UsageError(`unknown command "${positionals.join(' ')}" (list or redrive; --help)`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number');
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) throw new UsageError('--since must be an ISO 8601 instant');
  const reasons = (values.reason ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  const unknown = reasons.filter((r) => !(REJECT_REASONS as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new UsageError(`unknown --reason ${unknown.join(', ')} (one of ${REJECT_REASONS.join(', ')})`);

  const config = loadReplayConfig();
  const runtime = await openRuntime(config, 'dlq');
  try {
    if (command === 'list') {
      printListing(config.DLQ_TOPIC, await listDeadLetters(runtime, limit));
      return EXIT.ok;
    }
    const result = await redriveDeadLetters(runtime, { reasons, since, dryRun: values['dry-run'] });
    const verb = values['dry-run'] ? 'would redrive' : 'redrove';
    process.stdout.write(
      `${verb} ${values['dry-run'] ? result.selected - result.alreadyRedriven : result.redriven} of ` +
        `${result.selected} selected dead letters to ${config.EVENTS_TOPIC} ` +
        `(${result.alreadyRedriven} redriven before, ${result.recovered} from an interrupted run)\n`,
    );
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

runCli('dlq', main);
