import { deadLetterMessage, type Rejection, type SourceRecord } from '@app/kafka';
import type { Producer } from 'kafkajs';

/** Sends rejected records to the DLQ and waits for the broker's acknowledgement by all in-sync replicas. */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async publish(
    rejected: readonly { record: SourceRecord; rejection: Rejection }[],
    failedAt: Date,
  ): Promise<void> {
    if (rejected.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: rejected.map(({ record, rejection }) => deadLetterMessage(record, rejection, failedAt)),
    });
  }
}
