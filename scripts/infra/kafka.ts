import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaJvmOptions, log4j2Properties, serverProperties } from './kafka-config';
import { fetchKafkaJars, kafkaJarsFetched, kafkaLibs } from './kafka-provision';
import type { Log } from './log';
import { kafkaInstanceDir } from './paths';
import { run, spawnDetached } from './processes';
import type { LocalServer } from './server';
import { requireJava17 } from './tools';

/** A Kafka cluster id: 16 random bytes, base64url without padding; Kafka never issues one starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function clusterId(file: string): string {
  if (!existsSync(file)) writeFileSync(file, `${newClusterId()}\n`);
  return readFileSync(file, 'utf8').trim();
}

/** Kafka in KRaft combined mode on 127.0.0.1:`port`, its controller on `controllerPort`. */
export function localKafka(opts: { port: number; controllerPort: number }): LocalServer {
  const dir = kafkaInstanceDir(opts.port);
  const dataDir = join(dir, 'data');
  const propsFile = join(dir, 'server.properties');
  const log4j2File = join(dir, 'log4j2.properties');
  const logFile = join(dir, 'kafka.log');
  const classpath = `${kafkaLibs}/*`;

  return {
    name: 'kafka',
    address: `127.0.0.1:${opts.port}`,
    ports: [opts.port, opts.controllerPort],
    pidFile: join(dir, 'kafka.pid'),
    logFile,
    marker: propsFile,
    isProvisioned: kafkaJarsFetched,
    provision: fetchKafkaJars,
    async start(log: Log): Promise<number> {
      const java = requireJava17('run the Kafka broker');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(propsFile, serverProperties({ ...opts, dataDir }));
      writeFileSync(log4j2File, log4j2Properties);
      const jvm = kafkaJvmOptions(log4j2File);
      if (!existsSync(join(dataDir, 'meta.properties'))) {
        const id = clusterId(join(dir, 'cluster-id'));
        log(`kafka: formatting storage in ${dataDir} (cluster id ${id})`);
        await run(
          java,
          [...jvm, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', id, '-c', propsFile],
          {
            logFile,
          },
        );
      }
      return spawnDetached(java, [...jvm, '-cp', classpath, 'kafka.Kafka', propsFile], {
        cwd: dir,
        logFile,
        pidFile: join(dir, 'kafka.pid'),
      });
    },
  };
}
