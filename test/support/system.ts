import { randomBytes } from 'node:crypto';
import { startApp, type AppProcess } from './app-process';
import { mongoUri, kafkaBrokers } from './env';
import { freePort } from './free-port';
import { uniqueName } from './unique-name';

export interface SystemNames {
  readonly eventsTopic: string;
  readonly dlqTopic: string;
  readonly database: string;
  readonly group: string;
}

/** Fresh topic, database and group names: every suite gets a system of its own on the shared servers. */
export function freshNames(prefix: string): SystemNames {
  const base = uniqueName(prefix, '-');
  return {
    eventsTopic: `${base}.events`,
    dlqTopic: `${base}.dlq`,
    database: base.replace(/-/g, '_'),
    group: `${base}.projector`,
  };
}

export const TEST_JWT_SECRET = randomBytes(32).toString('hex');

function serverEnv(names: SystemNames): Record<string, string> {
  return {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    MONGODB_URI: mongoUri(),
    MONGODB_DATABASE: names.database,
    LOG_LEVEL: 'warn',
  };
}

export async function startProjector(
  names: SystemNames,
  extra: Record<string, string> = {},
): Promise<AppProcess> {
  const port = await freePort();
  return startApp('projector', port, {
    ...serverEnv(names),
    EVENTS_TOPIC: names.eventsTopic,
    DLQ_TOPIC: names.dlqTopic,
    CONSUMER_GROUP: names.group,
    TOPIC_PARTITIONS: '4',
    // A killed projector's partitions move on after this long (the broker's minimum is 6 s).
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    PROJECTOR_PORT: String(port),
    ...extra,
  });
}

export async function startApi(names: SystemNames, extra: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  return startApp('api', port, {
    ...serverEnv(names),
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: String(port),
    READ_MODEL_POLL_MS: '200',
    ...extra,
  });
}
