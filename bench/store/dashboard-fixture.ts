import { validateRecord } from '@app/contracts';
import { evolve, initialState, materialize, type DashboardState } from '@app/dashboard';
import type { DashboardWrite } from '@app/mongo';
import { simulateGateways } from '@app/simulator';

/**
 * One user's dashboard as the projector writes it after `readings` readings of each of `metrics` metrics
 * (the simulator's stream, folded by the real fold): a document of realistic size and shape.
 */
export function foldedDashboard(metrics: number, readings: number, now: Date): DashboardWrite {
  const records = simulateGateways({
    seed: 7,
    users: 1,
    metricsPerUser: metrics,
    readingsPerMetric: readings,
    start: new Date(now.getTime() - readings * 5_000),
    duplicateRate: 0,
    profileChangeRate: 0,
  });
  let state: DashboardState = initialState(1, 1);
  let offset = 0;
  for (const record of records) {
    const result = validateRecord(record.key, Buffer.from(JSON.stringify(record.value)));
    if (!result.ok) throw new Error(`simulated record rejected: ${result.detail}`);
    state = evolve(state, { event: result.event, partition: 0, offset: offset++ });
  }
  const { state: pruned, view, nextBoundaryAt } = materialize(state, now);
  return { id: '1:1', basedOn: null, state: pruned, view, nextBoundaryAt };
}
