import { materialize } from '@app/dashboard';
import { findDueDashboards, writeDashboards, type DashboardDocument } from '@app/mongo';
import type { Clock, Logger } from '@app/platform';
import type { Collection } from 'mongodb';
import type { ProjectorMetrics } from '../observability/projector.metrics';

const PAGE = 500;

/**
 * Keeps `as_of` current across period boundaries for users who send nothing: every interval, documents
 * whose next local midnight has passed are re-evaluated at "now" (one indexed query per page). A write
 * that loses a revision race is left alone: whoever won wrote a view at least as recent.
 */
export class PeriodRollover {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dashboards: () => Collection<DashboardDocument>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err }, 'period rollover failed, retrying next tick'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Rebuilds every due document; returns how many were written. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    let written = 0;
    for (;;) {
      const due = await findDueDashboards(this.dashboards(), now, PAGE);
      const writes = due.map((doc) => {
        const { state, view, nextBoundaryAt } = materialize(doc.state, now);
        return { id: doc._id, basedOn: doc.revision, state, view, nextBoundaryAt };
      });
      const conflicts = await writeDashboards(this.dashboards(), writes);
      written += writes.length - conflicts.length;
      this.metrics.documents.inc({ cause: 'rollover' }, writes.length - conflicts.length);
      if (due.length < PAGE) return written;
    }
  }
}
