import type { Clock, Logger } from '@app/platform';
import type { SourceRecord } from '@app/kafka';
import type { ProjectorMetrics } from '../observability/projector.metrics';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import { decodeRecords } from './decode-records';
import { projectEvents, type ProjectionStores } from './project-events';

/**
 * Handles one chunk of records of one partition: rejects go to the DLQ, valid events are folded into
 * the dashboards. Resolves only when both are durable, so the caller may then commit the offsets.
 */
export class DashboardProjector {
  constructor(
    private readonly stores: () => ProjectionStores,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly clock: Clock,
    private readonly metrics: ProjectorMetrics,
    private readonly logger: Logger,
  ) {}

  async handle(records: readonly SourceRecord[]): Promise<void> {
    const stopTimer = this.metrics.batchSeconds.startTimer();
    const now = this.clock.now();
    const { events, rejected } = decodeRecords(records);
    const [, outcome] = await Promise.all([
      this.deadLetters.publish(rejected, now),
      projectEvents(this.stores(), events, now),
    ]);
    stopTimer();
    for (const { record, rejection } of rejected) {
      this.metrics.rejected.inc({ reason: rejection.reason });
      this.logger.warn(
        {
          partition: record.partition,
          offset: record.offset,
          reason: rejection.reason,
          detail: rejection.detail,
        },
        'record dead-lettered',
      );
    }
    this.metrics.records.inc({ outcome: 'applied' }, outcome.applied);
    this.metrics.records.inc({ outcome: 'duplicate' }, outcome.duplicates);
    this.metrics.records.inc({ outcome: 'redelivered' }, outcome.redelivered);
    this.metrics.records.inc({ outcome: 'rejected' }, rejected.length);
    this.metrics.documents.inc({ cause: 'events' }, outcome.documents);
    this.metrics.conflicts.inc(outcome.conflicts);
  }
}
