import { materialize } from '@app/dashboard';
import { boundaryHour, findDueDashboards, writeDashboards, type DashboardDocument } from '@app/mongo';
import type { Clock, Logger } from '@app/platform';
import type { Collection } from 'mongodb';
import type { ProjectorMetrics } from '../observability/projector.metrics';

const PAGE = 500;

/**
 * Keeps `as_of` current across period boundaries for users who send nothing: every interval, documents
 * whose next local midnight has passed are re-evaluated at "now". A write that loses a revision race is left
 * alone: whoever won wrote a view at least as recent. The first tick on a collection looks at every
 * boundary; later ones only at the hours since the previous tick, since a document is always written with
 * a boundary after its "now", so an hour already swept stays empty.
 */
export class PeriodRollover {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** The collection swept last and the hour of its sweep's "now". */
  private swept: { collection: string; hour: number } | undefined;

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
    const dashboards = this.dashboards();
    const fromHour = this.swept?.collection === dashboards.collectionName ? this.swept.hour : undefined;
    let written = 0;
    for (;;) {
      const due = await findDueDashboards(dashboards, now, PAGE, fromHour);
      const writes = due.map((doc) => {
        const { state, view, nextBoundaryAt } = materialize(doc.state, now);
        return { id: doc._id, basedOn: doc.revision, state, view, nextBoundaryAt };
      });
      const conflicts = await writeDashboards(dashboards, writes);
      written += writes.length - conflicts.length;
      this.metrics.documents.inc({ cause: 'rollover' }, writes.length - conflicts.length);
      if (due.length < PAGE) break;
    }
    this.swept = { collection: dashboards.collectionName, hour: boundaryHour(now) };
    return written;
  }
}
