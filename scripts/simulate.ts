/**
 * Publishes what device gateways and the account service would, so that a system started with `npm start`
 * has dashboards to show:
 *
 *   npm run simulate -- [--users 10] [--metrics 4] [--readings 60] [--tenant 3] [--seed 1]
 *
 * Each user registers, adds a device and its metrics, then every metric gets a reading every 5 s, the last
 * one now, with the simulator's share of late and duplicate readings and profile changes. Uses
 * KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_CLIENT_ID and EVENTS_TOPIC, read as the projector reads them.
 */
import { topicsFromEnv } from '@app/contracts';
import { createKafka, kafkaEnv } from '@app/kafka';
import { createLogger, loadConfig } from '@app/platform';
import { simulateGateways } from '@app/simulator';
import { Partitioners, type Message } from 'kafkajs';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run simulate -- [--users 10] [--metrics 4] [--readings 60] [--tenant 3] [--seed 1]';
const INTERVAL_MS = 5000;
const SEND_EVERY = 1000;

function count(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!/^[1-9][0-9]*$/.test(raw) || value > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

function readOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '10' },
      metrics: { type: 'string', default: '4' },
      readings: { type: 'string', default: '60' },
      tenant: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  return {
    users: count('users', values.users, 100_000),
    metrics: count('metrics', values.metrics, 50),
    readings: count('readings', values.readings, 100_000),
    tenant: count('tenant', values.tenant, Number.MAX_SAFE_INTEGER),
    seed: count('seed', values.seed, 2 ** 31),
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const topic = topicsFromEnv().events;
  const kafka = createKafka(loadConfig(kafkaEnv), createLogger('simulate', 'warn'));
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(topic);
  await admin.disconnect();
  if (!exists)
    throw new Error(`topic ${topic} does not exist yet: start the projector (npm start), which creates it`);

  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let sent = 0;
  try {
    let batch: Message[] = [];
    const flush = async () => {
      await producer.send({ topic, acks: -1, messages: batch });
      sent += batch.length;
      batch = [];
    };
    for (const record of simulateGateways({
      seed: options.seed,
      tenantId: options.tenant,
      users: options.users,
      metricsPerUser: options.metrics,
      readingsPerMetric: options.readings,
      start: new Date(Date.now() - (options.readings - 1) * INTERVAL_MS),
      intervalMs: INTERVAL_MS,
    })) {
      batch.push({ key: record.key, value: JSON.stringify(record.value) });
      if (batch.length >= SEND_EVERY) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(
    `published ${sent} events to ${topic}: tenant ${options.tenant}, users 1 to ${options.users}\n` +
      `a token for the first: npm run -s token -- --tenant ${options.tenant} --user 1\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
