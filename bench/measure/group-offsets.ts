import type { Admin, Kafka } from 'kafkajs';

/** Reads how far a consumer group has committed on a topic, summed over partitions. */
export class GroupOffsets {
  private constructor(
    private readonly admin: Admin,
    private readonly group: string,
    private readonly topic: string,
  ) {}

  static async open(kafka: Kafka, group: string, topic: string): Promise<GroupOffsets> {
    const admin = kafka.admin();
    await admin.connect();
    return new GroupOffsets(admin, group, topic);
  }

  /** Records committed by the group (a partition without a commit counts 0). */
  async committed(): Promise<number> {
    const [offsets] = await this.admin.fetchOffsets({ groupId: this.group, topics: [this.topic] });
    return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  }

  /** Records in the topic (sum of high watermarks, the topic starts at offset 0). */
  async end(): Promise<number> {
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    return ends.reduce((sum, e) => sum + Number(e.high), 0);
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }
}
