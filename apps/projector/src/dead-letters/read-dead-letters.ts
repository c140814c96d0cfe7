import type { CliRuntime } from '../replay/cli-runtime';
import { topicRange } from '../replay/topic-offsets';
import { readRanges, type PartitionRange } from '../replay/topic-reader';
import { deadLetterOf, type DeadLetter } from './dead-letter';

/** Every record of the DLQ topic up to its current end (none if the topic does not exist yet). */
export async function readDeadLetters(runtime: CliRuntime): Promise<DeadLetter[]> {
  const { admin, kafka, config } = runtime;
  const topic = config.DLQ_TOPIC;
  if (!(await admin.listTopics()).includes(topic)) return [];
  const { starts, ends } = await topicRange(admin, topic);
  const ranges = new Map<number, PartitionRange>(
    [...ends].map(([p, to]) => [p, { from: starts.get(p) ?? 0, to }]),
  );
  const letters: DeadLetter[] = [];
  await readRanges(
    kafka,
    admin,
    topic,
    ranges,
    (records) => {
      for (const record of records) letters.push(deadLetterOf(record));
    },
    `${config.CONSUMER_GROUP}.dlq-reader`,
  );
  return letters;
}
