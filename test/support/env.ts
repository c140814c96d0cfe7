const required = (name: 'KAFKA_BROKERS' | 'MONGODB_URI'): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration tests through Jest (its global setup sets it) or set it`,
    );
  }
  return value;
};

/** Broker list set by the Jest global setup (or by the caller). */
export const kafkaBrokers = (): string[] =>
  required('KAFKA_BROKERS')
    .split(',')
    .map((b) => b.trim());

/** Connection string set by the Jest global setup (or by the caller). */
export const mongoUri = (): string => required('MONGODB_URI');
