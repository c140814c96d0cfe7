import { DLQ_HEADERS } from '@app/contracts';
import { Partitioners, type IHeaders, type Message, type Producer } from 'kafkajs';
import type { CliRuntime } from '../replay/cli-runtime';
import { topicRange } from '../replay/topic-offsets';
import { readRanges, type PartitionRange } from '../replay/topic-reader';
import { headerText, type DeadLetter } from './dead-letter';
import { readDeadLetters } from './read-dead-letters';
import { RedriveCheckpoints, type RedriveCheckpoint } from './redrive-checkpoints';

/** Names the DLQ record a republished copy came from (how an interrupted redrive finds what it sent). */
export const REDRIVE_OF_HEADER = 'x-redrive-of';
const CHUNK = 500;

export interface RedriveOptions {
  /** Only these reasons (any when empty). */
  readonly reasons: readonly string[];
  /** Only records dead-lettered at or after this instant. */
  readonly since?: Date;
  readonly dryRun: boolean;
}

export interface RedriveResult {
  readonly selected: number;
  readonly alreadyRedriven: number;
  /** Records an interrupted run had claimed, now confirmed sent or sent again. */
  readonly recovered: number;
  readonly redriven: number;
}

/**
 * `npm run dlq -- redrive`: republishes the selected DLQ records' original key and value (and headers
 * without `x-dlq-*`) to the events topic, each at most once across runs: a checkpoint per DLQ record is
 * written before sending and completed after. A run that died in between left `sending` checkpoints;
 * the next run looks for their copies in the events topic (by `x-redrive-of`) and sends only the missing.
 */
export async function redriveDeadLetters(
  runtime: CliRuntime,
  options: RedriveOptions,
): Promise<RedriveResult> {
  const { config, mongo, kafka } = runtime;
  const letters = await readDeadLetters(runtime);
  const byId = new Map(letters.map((l) => [l.id, l]));
  const selected = letters.filter(
    (l) =>
      (options.reasons.length === 0 || options.reasons.includes(l.reason)) &&
      (!options.since || (l.failedAt !== null && l.failedAt >= options.since)),
  );
  const checkpoints = new RedriveCheckpoints(mongo.db, config.DLQ_TOPIC);
  const known = await checkpoints.all();
  const todo = selected.filter((l) => !known.has(l.id));
  const pending = [...known.values()].filter((c) => c.status === 'sending');
  const result = { selected: selected.length, alreadyRedriven: selected.length - todo.length };
  if (options.dryRun) return { ...result, recovered: 0, redriven: 0 };

  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const recovered = await finishInterrupted(runtime, producer, checkpoints, pending, byId);
    let redriven = 0;
    for (let i = 0; i < todo.length; i += CHUNK) {
      const { ends } = await topicRange(runtime.admin, config.EVENTS_TOPIC);
      const chunk = todo.slice(i, i + CHUNK);
      const claimed = await checkpoints.claim(
        chunk.map((l) => l.id),
        ends,
      );
      const mine = chunk.filter((l) => claimed.has(l.id));
      await send(producer, config.EVENTS_TOPIC, mine);
      await checkpoints.markSent(mine.map((l) => l.id));
      redriven += mine.length;
    }
    return { ...result, recovered, redriven };
  } finally {
    await producer.disconnect();
  }
}

async function finishInterrupted(
  runtime: CliRuntime,
  producer: Producer,
  checkpoints: RedriveCheckpoints,
  pending: readonly RedriveCheckpoint[],
  byId: ReadonlyMap<string, DeadLetter>,
): Promise<number> {
  if (pending.length === 0) return 0;
  const { admin, kafka, config } = runtime;
  const { ends } = await topicRange(admin, config.EVENTS_TOPIC);
  const ranges = new Map<number, PartitionRange>();
  for (const [p, to] of ends) {
    const from = Math.min(...pending.map((c) => c.events_from[String(p)] ?? to));
    ranges.set(p, { from, to });
  }
  const copied = new Set<string>();
  await readRanges(
    kafka,
    admin,
    config.EVENTS_TOPIC,
    ranges,
    (records) => {
      for (const r of records) copied.add(headerText(r.headers?.[REDRIVE_OF_HEADER]));
    },
    `${config.CONSUMER_GROUP}.redrive-check`,
  );
  const missing = pending.filter((c) => !copied.has(c._id)).flatMap((c) => byId.get(c._id) ?? []);
  await send(producer, config.EVENTS_TOPIC, missing);
  await checkpoints.markSent(pending.map((c) => c._id));
  return pending.length;
}

async function send(producer: Producer, topic: string, letters: readonly DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await producer.send({ topic, acks: -1, messages: letters.map(redriveMessage) });
}

/** The original record: key and value bytes as they arrived, headers without the DLQ's own. */
function redriveMessage(letter: DeadLetter): Message {
  const dlqHeaders = new Set<string>(Object.values(DLQ_HEADERS));
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(letter.headers))
    if (!dlqHeaders.has(name) && name !== REDRIVE_OF_HEADER && value !== undefined) headers[name] = value;
  headers[REDRIVE_OF_HEADER] = letter.id;
  return { key: letter.key, value: letter.value, headers };
}
