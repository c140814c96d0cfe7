// `npm run bench -- [options]`: measures the system on the local servers and prints a markdown report.
import { writeFileSync } from 'node:fs';
import { describeMachine } from './machine';
import { readOptions, usage } from './options';
import { measureFold } from './phases/fold';
import { measureGrowth } from './phases/growth';
import { measureLive } from './phases/live';
import { measureQuery } from './phases/query';
import { measureReplay } from './phases/replay';
import { killAllNow } from './measure/stop-app';
import { renderReport } from './report';
import { startServers } from './servers';
import { freshSystem } from './system';

const started = performance.now();
process.once('SIGINT', () => {
  killAllNow();
  process.exit(130);
});
const log = (line: string): void => {
  const at = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${at} s] ${line}\n`);
};

async function main(argv: readonly string[]): Promise<void> {
  const options = readOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const servers = await startServers(log);
  try {
    const machine = await describeMachine(servers.mongoUri, servers.storage);
    const system = await freshSystem('fold', options.partitions);
    let fold;
    let query;
    let replay;
    try {
      fold = await measureFold(system, options, log);
      query = await measureQuery(system, options.users, options, log);
      // Last on this system: the switch makes the replayed version the active one.
      replay = await measureReplay(system, fold.clock, options, log);
    } finally {
      await system.dispose();
    }
    const live = await measureLive(options, fold.projector.rate, log);
    const growth = options.growth ? await measureGrowth(options, log) : undefined;
    const report = `${renderReport({ command, machine, options, fold, replay, query, live, growth })}\n`;
    process.stdout.write(report);
    if (options.out) writeFileSync(options.out, report);
    log('done');
  } finally {
    await servers.stop();
  }
}

main(process.argv.slice(2)).then(
  // kafkajs and the driver may leave timers behind; the work is done, so leave promptly.
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    killAllNow();
    process.exit(1);
  },
);
