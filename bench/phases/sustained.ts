import type { Kafka } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { liveReadings } from '../load/live-readings';
import { startPacedLoad } from '../load/paced-producer';
import type { Workload } from '../load/simulated-stream';
import { scrapeProjector } from '../measure/projector-metrics';

export interface Sustained {
  readonly seconds: number;
  readonly offeredRate: number;
  /** Records the projector handled per second over the window (the first 10 s excluded). */
  readonly foldRate: number;
}

export interface LiveTarget {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly projectorUrl: string;
}

const OVERLOAD = 1.5;
const WARM_UP_S = 10;

/** Records the projector has handled (every outcome), from its metrics: updated after every chunk. */
const handled = async (url: string): Promise<number> =>
  Object.values((await scrapeProjector(url)).records).reduce((sum, n) => sum + n, 0);

/** Offers 1.5 × the backlog fold rate for `seconds` and measures what the projector keeps up with. */
export async function measureSustained(
  target: LiveTarget,
  workload: Workload,
  backlogRate: number,
  seconds: number,
  log: (line: string) => void,
): Promise<Sustained> {
  const offeredTarget = Math.round(OVERLOAD * backlogRate);
  const readings = liveReadings(workload, offeredTarget);
  const load = await startPacedLoad(target.kafka, target.topic, readings, offeredTarget);
  await sleep(Math.min(WARM_UP_S, seconds / 2) * 1000);
  const from = await handled(target.projectorUrl);
  const t0 = performance.now();
  await sleep(Math.max(1, seconds - WARM_UP_S) * 1000);
  const to = await handled(target.projectorUrl);
  const window = (performance.now() - t0) / 1000;
  const { rate: offeredRate } = await load.stop();
  const foldRate = (to - from) / window;
  log(`sustained: offered ${Math.round(offeredRate)}/s for ${seconds} s, folded ${Math.round(foldRate)}/s`);
  return { seconds, offeredRate, foldRate };
}
