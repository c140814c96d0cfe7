import { seconds, stderrLog } from './log';
import { down, status, up } from './infra';
import { adoptServers } from './test-runs';

const usage = 'usage: cli.ts up | down | status';

async function main(command: string | undefined): Promise<void> {
  const t0 = Date.now();
  switch (command) {
    case 'up': {
      const result = await up();
      await adoptServers(['kafka', 'postgresql', 'ferretdb']);
      stderrLog(`ready in ${seconds(Date.now() - t0)}; started now: ${result.started.join(', ') || 'none'}`);
      // stdout carries only the addresses, in a form a shell can `eval` or a CI can append to its env file.
      process.stdout.write(`KAFKA_BROKERS=${result.kafkaBrokers}\nMONGODB_URI=${result.mongoUri}\n`);
      return;
    }
    case 'down':
      return down();
    case 'status':
      for (const s of await status()) {
        const provisioned = s.external ? 'external' : s.provisioned ? 'yes' : 'no';
        const running = s.pid !== undefined ? `pid ${s.pid}` : 'no';
        process.stdout.write(
          `${s.name.padEnd(10)} ${s.address.padEnd(46)} provisioned: ${provisioned.padEnd(8)} ` +
            `running: ${running.padEnd(10)} answering: ${s.answering ? 'yes' : 'no'}\n`,
        );
      }
      return;
    default:
      throw new Error(usage);
  }
}

main(process.argv[2]).then(
  // kafkajs and the driver may leave timers behind; the work is done, so leave promptly.
  () => process.exit(0),
  (err: unknown) => {
    stderrLog(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
