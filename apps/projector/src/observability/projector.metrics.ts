import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The projector's Prometheus metrics, on a registry of its own. */
export class ProjectorMetrics {
  readonly registry = new Registry();
  readonly records = new Counter({
    name: 'projector_records_total',
    help: 'Records read from the events topic, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'projector_rejected_total',
    help: 'Records sent to the dead-letter topic, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly documents = new Counter({
    name: 'projector_documents_written_total',
    help: 'Dashboard documents written, by cause',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });
  readonly conflicts = new Counter({
    name: 'projector_revision_conflicts_total',
    help: 'Writes that lost a revision race and were recomputed',
    registers: [this.registry],
  });
  readonly failures = new Counter({
    name: 'projector_batch_failures_total',
    help: 'Batch attempts that failed (broker or database unavailable) and were retried',
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'projector_batch_duration_seconds',
    help: 'Time to fold and write one chunk of records',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
