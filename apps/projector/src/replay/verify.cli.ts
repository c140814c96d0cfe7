import 'reflect-metadata';
import { activeVersionOf, readReadModelMeta } from '@app/mongo';
import { parseArgs } from 'node:util';
import { EXIT, interruptSignal, runCli, UsageError } from './cli-exit';
import { openRuntime } from './cli-runtime';
import { compareVersions, type Comparison } from './compare-versions';
import { loadReplayConfig } from './replay.config';
import { verifyByReplay } from './verify-by-replay';

const HELP = `Usage: npm run verify [-- options]

Compares the active read-model version with a fresh replay of the events topic into a scratch version
(dropped afterwards), or with another version. Stored views carry the as_of they were written at, so both
sides' states are re-materialized at one common "now" and the views and states (positions included) are
compared; numbers within a relative 1e-9 count as equal. Prints each differing document with the paths
of its differing fields.

Options:
  --against <collection>  compare with this dashboards collection instead of a fresh replay
  --at <instant>          the common "now" (default: the projector clock, CLOCK_FIXED_AT if set)
  --limit <n>             print at most n differing documents (default 20)
  --keep                  keep the scratch version for inspection
  -h, --help              show this help

Exit codes: 0 no difference, 1 differences found (or failure), 2 usage or configuration error,
4 no difference found but some documents kept moving and could not be compared (busy topic).
`;

const show = (value: unknown): string => {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

function print(left: string, right: string, now: Date, result: Comparison, limit: number): void {
  const lines = [
    `verify: ${left} (active) vs ${right}, evaluated at ${now.toISOString()}: ${result.compared} documents, ` +
      `${result.differing.length} differing, ${result.unsettled.length} unsettled`,
  ];
  for (const doc of result.differing.slice(0, limit)) {
    lines.push(`  ${doc.id}`);
    for (const f of doc.fields) lines.push(`    ${f.path}: ${show(f.left)} ≠ ${show(f.right)}`);
  }
  if (result.differing.length > limit) lines.push(`  ... and ${result.differing.length - limit} more`);
  if (result.unsettled.length > 0) lines.push(`  unsettled: ${result.unsettled.slice(0, limit).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      against: { type: 'string' },
      at: { type: 'string' },
      limit: { type: 'string', default: '20' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number ≥ 1`);
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO 8601 instant`);
  const runtime = await openRuntime(loadReplayConfig(), 'verify');
  try {
    const now = at ?? runtime.clock.now();
    let left: string;
    let right: string;
    let result: Comparison;
    if (values.against) {
      left = activeVersionOf(await readReadModelMeta(runtime.mongo.db)).collection;
      right = values.against;
      result = await compareVersions(runtime.mongo.db, left, right, now, { settle: false });
    } else {
      const options = {
        now,
        tty: process.stderr.isTTY === true,
        keep: values.keep,
        signal: interruptSignal(),
      };
      ({ active: left, scratch: right, ...result } = await verifyByReplay(runtime, options));
    }
    print(left, right, now, result, limit);
    if (result.differing.length > 0) return EXIT.differences;
    return result.unsettled.length > 0 ? EXIT.unsettled : EXIT.ok;
  } finally {
    await runtime.close();
  }
}

runCli('verify', main);
