import { startProjector } from '../../test/support/system';
import type { BenchSystem } from '../system';
import { dashboardSizes } from './document-size';
import { measureDrain, type Drain } from './drain';
import { GroupOffsets } from './group-offsets';
import { cpuSpent, serverCpuSeconds, type ServerCpu } from './server-cpu';
import { stopApp, tracked } from './stop-app';
import { scrapeProjector, type ProjectorSnapshot } from './projector-metrics';

export interface ProjectorDrain extends Drain {
  /** At the end of the drain; `cpuSeconds` is the projector's CPU during the drain only. */
  readonly metrics: ProjectorSnapshot;
  /** CPU seconds of the local servers during the drain (where the time goes). */
  readonly serverCpu: ServerCpu;
  readonly documents: number;
  readonly meanDocumentBytes: number;
}

/**
 * Starts the real projector (a process, clock fixed at `clockAt`) on the system's backlog of `target`
 * records and measures how fast it drains it; then reads its metrics and the documents it wrote.
 */
export async function drainWithProjector(
  system: BenchSystem,
  target: number,
  clockAt: Date,
  extraEnv: Record<string, string> = {},
  log: (line: string) => void = () => undefined,
): Promise<ProjectorDrain> {
  const offsets = await GroupOffsets.open(system.kafka, system.names.group, system.names.eventsTopic);
  const projector = tracked(
    await startProjector(system.names, { CLOCK_FIXED_AT: clockAt.toISOString(), ...extraEnv }),
  );
  const joinedAt = performance.now();
  try {
    const cpuBefore = await serverCpuSeconds();
    const atStart = await scrapeProjector(projector.url);
    const drain = await measureDrain(offsets, target, {
      joinedAt,
      stallMs: 360_000,
      progress: (done) => log(`projector: ${done} of ${target} records`),
    }).catch((error: unknown) => {
      throw new Error(`projector: ${String(error)}\n${projector.output()}`);
    });
    const serverCpu = cpuSpent(cpuBefore, await serverCpuSeconds());
    const atEnd = await scrapeProjector(projector.url);
    const metrics = { ...atEnd, cpuSeconds: atEnd.cpuSeconds - atStart.cpuSeconds };
    const sizes = await dashboardSizes(system.names.database);
    return { ...drain, metrics, serverCpu, documents: sizes.documents, meanDocumentBytes: sizes.meanBytes };
  } finally {
    await stopApp(projector);
    await offsets.close();
  }
}
