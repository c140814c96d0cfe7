/** Single-node KRaft (broker and controller in one process), reachable on loopback only. */
export function serverProperties(opts: { port: number; controllerPort: number; dataDir: string }): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${opts.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${opts.port},CONTROLLER://127.0.0.1:${opts.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${opts.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': opts.dataDir,
    // Topics are created deliberately (the apps and tests own their partition counts).
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    // Fewer offset partitions make the first consumer group join noticeably faster on one node.
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/** Warnings and errors only, on stdout (which the launcher sends to the instance's log file). */
export const log4j2Properties = `status = warn
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.console.ref = console
`;

/** Bounded heap so that a laptop or CI runner keeps room for the tests. */
export const kafkaJvmOptions = (log4j2File: string): string[] => [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${log4j2File}`,
];
