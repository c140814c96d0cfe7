import { createServer } from 'node:net';

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });

/** Fails early, and clearly, when something that is not our server already holds one of its ports. */
export async function assertPortsFree(name: string, ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (!(await isFree(port))) {
      throw new Error(
        `${name}: 127.0.0.1:${port} is taken by another process that does not answer as ${name}; ` +
          'stop it or choose other ports (INFRA_KAFKA_PORT, INFRA_KAFKA_CONTROLLER_PORT, INFRA_MONGO_PORT, INFRA_POSTGRES_PORT)',
      );
    }
  }
}
