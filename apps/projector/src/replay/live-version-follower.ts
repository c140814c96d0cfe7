import {
  activeVersionOf,
  cancelSwitch,
  ensureDashboardIndexes,
  ensureSampleIndexes,
  readReadModelMeta,
  type ReadModelMeta,
} from '@app/mongo';
import type { Logger } from '@app/platform';
import type { Db } from 'mongodb';
import type { EventsConsumer } from '../dashboard-projection/events-consumer';
import { boundVersionOf, type BoundVersion, type ProjectedVersion } from './projected-version';

type Phase = 'stopped' | 'running' | 'paused';

/**
 * Keeps the live projector on the active read-model version (`read_model_meta`), read at start and every
 * `pollMs`. While a replay asks for a switch, the consumer is stopped after its batch in hand: it leaves
 * its group, which is how the replay knows no live write is under way. Once the switch is done the
 * consumer joins the new version's group, whose committed offsets are where the replay handed over. Writes
 * go to the collection bound with the group being consumed, never to one read mid-batch, so two offset
 * ranges of one partition are never applied to one collection at once.
 */
export class LiveVersionFollower {
  private phase: Phase = 'stopped';
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly projected: ProjectedVersion,
    private readonly defaultGroup: string,
    private readonly consumer: EventsConsumer,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.follow(await readReadModelMeta(this.db));
    this.timer = setInterval(() => {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    }, this.pollMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
    if (this.phase === 'running') await this.consumer.stop();
    this.phase = 'stopped';
  }

  private async refresh(): Promise<void> {
    try {
      await this.follow(await readReadModelMeta(this.db));
    } catch (err) {
      this.logger.warn({ err }, 'could not follow the active read-model version, retrying');
    }
  }

  private async follow(meta: ReadModelMeta | null): Promise<void> {
    if (meta?.switching) return this.pause(meta.switching.id, meta.switching.deadline);
    const active = activeVersionOf(meta);
    const target = boundVersionOf(active, this.defaultGroup);
    if (this.phase === 'running' && sameVersion(target, this.projected.current)) return;
    if (this.phase === 'running') await this.consumer.stop();
    this.phase = 'paused';
    this.projected.bind(target);
    await ensureDashboardIndexes(this.projected.dashboards());
    await ensureSampleIndexes(this.projected.ledger().samples);
    try {
      await this.consumer.start(target.group);
    } catch (error) {
      await this.consumer.stop().catch(() => undefined);
      throw error;
    }
    this.phase = 'running';
    this.logger.info({ collection: target.collection, group: target.group }, 'projecting read-model version');
  }

  private async pause(switchId: string, deadline: Date): Promise<void> {
    if (this.phase === 'running') {
      this.logger.info(
        { switchId },
        'a replay asked for a read-model switch: pausing after the batch in hand',
      );
      await this.consumer.stop();
    }
    this.phase = 'paused';
    // A replay that died mid-switch must not stop the live projection for good.
    if (Date.now() > new Date(deadline).getTime() && (await cancelSwitch(this.db, switchId)))
      this.logger.warn({ switchId }, 'the switch was not completed in time: cancelled it, resuming');
  }
}

function sameVersion(a: BoundVersion, b: BoundVersion): boolean {
  return a.collection === b.collection && a.group === b.group && a.samples === b.samples;
}
