import {
  ClaimAttempt,
  claimSamples,
  ensureSampleIndexes,
  sampleLedger,
  type OffsetRange,
  type SampleDocument,
  type SampleLedger,
} from '@app/mongo';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { mongoUri } from '../../../test/support/env';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';

const sample = (id: string, offset: number, partition = 0): SampleDocument => ({
  _id: `3:2:${id}`,
  user: '3:2',
  metric_id: 1,
  epoch_ms: 1_000 + offset,
  quantity: offset,
  start_date: '2022-01-16T20:00:00Z',
  results_str: null,
  partition,
  offset,
});

const range = (partition: number, from: number, to: number) =>
  new Map<number, OffsetRange>([[partition, { from, to }]]);

describe('the sample ledger on the real server', () => {
  let database: FreshDatabase;
  let ledger: SampleLedger;
  const claim = async (attempt: ClaimAttempt, samples: SampleDocument[]) =>
    [...(await claimSamples(ledger.samples, samples, attempt))].sort();

  beforeEach(async () => {
    database = await freshDatabase('ledger');
    ledger = sampleLedger(database.db);
    await ensureSampleIndexes(ledger.samples);
  });

  afterEach(async () => {
    await database.close();
  });

  it('claims every sample it has not seen', async () => {
    const attempt = await ClaimAttempt.open(ledger.claims, range(0, 1, 2));
    expect(await claim(attempt, [sample('a', 1), sample('b', 2)])).toEqual(['3:2:a', '3:2:b']);
    expect(await ledger.samples.countDocuments()).toBe(2);
  });

  it('refuses a sample id seen at another position without reading the ledger, and keeps the others', async () => {
    const first = await ClaimAttempt.open(ledger.claims, range(0, 1, 1));
    await claim(first, [sample('a', 1)]);
    await first.close();

    const watcher = await new MongoClient(mongoUri(), { monitorCommands: true }).connect();
    const reads: string[] = [];
    watcher.on('commandStarted', (e: CommandStartedEvent) => {
      if (e.commandName === 'find' && e.command.find === ledger.samples.collectionName) reads.push('find');
    });
    try {
      const watched = sampleLedger(watcher.db(database.name));
      const second = await ClaimAttempt.open(watched.claims, range(0, 9, 10));
      const fresh = await claimSamples(watched.samples, [sample('a', 9), sample('c', 10)], second);
      expect([...fresh]).toEqual(['3:2:c']);
      expect(reads).toEqual([]);
    } finally {
      await watcher.close();
    }
    expect((await ledger.samples.findOne({ _id: '3:2:a' }))?.offset).toBe(1);
  });

  it('accepts again a sample an unfinished attempt stored from the very same record', async () => {
    const crashed = await ClaimAttempt.open(ledger.claims, range(2, 5, 5));
    await claim(crashed, [sample('a', 5, 2)]);
    const retry = await ClaimAttempt.open(ledger.claims, range(2, 5, 5));
    expect(await claim(retry, [sample('a', 5, 2)])).toEqual(['3:2:a']);
    const otherPartition = await ClaimAttempt.open(ledger.claims, range(3, 5, 5));
    expect(await claim(otherPartition, [sample('a', 5, 3)])).toEqual([]);
  });

  it('lets two attempts at the same records running at once both claim them (the revision guard decides)', async () => {
    const live = await ClaimAttempt.open(ledger.claims, range(0, 0, 10));
    const zombie = await ClaimAttempt.open(ledger.claims, range(0, 0, 10));
    expect(await claim(zombie, [sample('s', 3)])).toEqual(['3:2:s']);
    expect(await claim(live, [sample('s', 3)])).toEqual(['3:2:s']);
  });

  it('keeps its decisions for a later pass over the same users', async () => {
    const attempt = await ClaimAttempt.open(ledger.claims, range(0, 1, 2));
    await claim(attempt, [sample('a', 1)]);
    await claim(attempt, [sample('b', 2)]);
    // A re-read after a lost revision race claims the same samples again: still its own, still fresh.
    expect(await claim(attempt, [sample('a', 1), sample('b', 2)])).toEqual(['3:2:a', '3:2:b']);
  });

  it('leaves the journal on close with every older range of its partition up to its end', async () => {
    await ClaimAttempt.open(ledger.claims, range(0, 0, 4)); // unfinished, below
    await ClaimAttempt.open(ledger.claims, range(0, 3, 30)); // reaching beyond
    await ClaimAttempt.open(ledger.claims, range(1, 0, 4)); // another partition
    const done = await ClaimAttempt.open(ledger.claims, range(0, 5, 9));
    await done.close();
    const left = await ledger.claims
      .find({}, { projection: { _id: 0, partition: 1, from: 1, to: 1 } })
      .toArray();
    expect(left.sort((x, y) => x.partition - y.partition)).toEqual([
      { partition: 0, from: 3, to: 30 },
      { partition: 1, from: 0, to: 4 },
    ]);
  });
});
