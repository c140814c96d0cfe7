// The ceiling: a kafkajs consumer that reads the topic and does nothing, with the projector's fetch
// settings (4 partitions at once, 100 ms fetch wait). Run by the bench as a process.
import { runBaselineProcess } from './baseline-process';

runBaselineProcess({ maxWaitTimeInMs: 100 }, (consumer) =>
  consumer.run({
    partitionsConsumedConcurrently: 4,
    eachBatch: async () => undefined,
  }),
).catch((error: unknown) => {
  process.stderr.write(`raw consumer: ${String(error)}\n`);
  process.exit(1);
});
