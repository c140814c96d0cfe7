/** Where the servers listen and whether external ones replace them. */
export interface InfraConfig {
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly mongoPort: number;
  /** PostgreSQL, FerretDB's storage. */
  readonly postgresPort: number;
  /** `KAFKA_BROKERS`: when set, Kafka is neither provisioned nor started. */
  readonly kafkaBrokers?: string;
  /** `MONGODB_URI`: when set, FerretDB is neither provisioned nor started. */
  readonly mongoUri?: string;
}

const port = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be a TCP port, got "${value}"`);
  return n;
};

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

/**
 * Reads the environment: `INFRA_KAFKA_PORT` (9092), `INFRA_KAFKA_CONTROLLER_PORT` (Kafka port + 1),
 * `INFRA_MONGO_PORT` (27017), `INFRA_POSTGRES_PORT` (FerretDB port + 1), `KAFKA_BROKERS`, `MONGODB_URI`.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const kafkaPort = port(env.INFRA_KAFKA_PORT, 9092, 'INFRA_KAFKA_PORT');
  const mongoPort = port(env.INFRA_MONGO_PORT, 27017, 'INFRA_MONGO_PORT');
  return {
    kafkaPort,
    kafkaControllerPort: port(env.INFRA_KAFKA_CONTROLLER_PORT, kafkaPort + 1, 'INFRA_KAFKA_CONTROLLER_PORT'),
    mongoPort,
    postgresPort: port(env.INFRA_POSTGRES_PORT, mongoPort + 1, 'INFRA_POSTGRES_PORT'),
    kafkaBrokers: nonEmpty(env.KAFKA_BROKERS),
    mongoUri: nonEmpty(env.MONGODB_URI),
  };
}
