import { readFileSync } from 'node:fs';
import { status } from '../../scripts/infra/infra';
import { infraEnv } from '../servers';

/** Linux reports process times in clock ticks, 100 per second on every common kernel. */
const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

export interface ServerCpu {
  readonly kafka: number;
  readonly ferretdb: number;
}

/** CPU seconds used so far by the local Kafka and FerretDB processes (NaN for external servers). */
export async function serverCpuSeconds(): Promise<ServerCpu> {
  const servers = await status({ env: infraEnv() });
  const of = (name: 'kafka' | 'ferretdb') => {
    const pid = servers.find((s) => s.name === name)?.pid;
    return pid === undefined ? Number.NaN : cpuSecondsOf(pid);
  };
  return { kafka: of('kafka'), ferretdb: of('ferretdb') };
}

export const cpuSpent = (before: ServerCpu, after: ServerCpu): ServerCpu => ({
  kafka: after.kafka - before.kafka,
  ferretdb: after.ferretdb - before.ferretdb,
});
