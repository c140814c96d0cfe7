import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './log';
import { timed } from './log';
import { kafkaDist } from './paths';
import { run } from './processes';
import { requireJava17, requireTool } from './tools';
import { versions } from './versions';

export const kafkaLibs = join(kafkaDist, 'libs');
const doneMarker = join(kafkaDist, '.complete');

/**
 * The broker and its runtime dependencies. Kafka 4 logs through SLF4J 1.7 (its pom pins slf4j-api 1.7.36)
 * to log4j2, so the binding is log4j-slf4j-impl, as in Kafka's own distribution; the slf4j2 binding would
 * silently fall back to a no-op logger.
 */
const pom = (): string => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.infra</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_${versions.scala}</artifactId>
      <version>${versions.kafka}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>${versions.log4j}</version>
    </dependency>
  </dependencies>
</project>
`;

/** The marker records the pom it was fetched for, so editing the pom re-fetches. */
const pomHash = (): string => createHash('sha256').update(pom()).digest('hex');

export const kafkaJarsFetched = (): boolean =>
  existsSync(doneMarker) && readFileSync(doneMarker, 'utf8').trim() === pomHash();

/** Copies the broker jars from Maven Central (through the local Maven repository) into the cache. */
export async function fetchKafkaJars(log: Log): Promise<void> {
  requireJava17('run the Kafka broker');
  const mvn = requireTool('mvn', 'fetch the Kafka broker jars from Maven Central');
  mkdirSync(kafkaDist, { recursive: true });
  writeFileSync(join(kafkaDist, 'pom.xml'), pom());
  const partial = `${kafkaLibs}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await timed(log, `kafka: fetching kafka_${versions.scala}:${versions.kafka} jars with Maven`, () =>
    run(
      mvn,
      [
        '-q',
        '-B',
        '-f',
        'pom.xml',
        `org.apache.maven.plugins:maven-dependency-plugin:${versions.mavenDependencyPlugin}:copy-dependencies`,
        `-DoutputDirectory=${partial}`,
        '-DincludeScope=runtime',
      ],
      { cwd: kafkaDist, logFile: join(kafkaDist, 'mvn.log') },
    ),
  );
  rmSync(kafkaLibs, { recursive: true, force: true });
  renameSync(partial, kafkaLibs);
  writeFileSync(doneMarker, `${pomHash()}\n`);
  log(`kafka: ${readdirSync(kafkaLibs).length} jars in ${kafkaLibs}`);
}
