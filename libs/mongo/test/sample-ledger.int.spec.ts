import { claimSamples, ensureSampleIndexes, samplesCollection, type SampleDocument } from '@app/mongo';
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

describe('the sample ledger on the real server', () => {
  let database: FreshDatabase;

  beforeEach(async () => {
    database = await freshDatabase('ledger');
    await ensureSampleIndexes(samplesCollection(database.db));
  });

  afterEach(async () => {
    await database.close();
  });

  it('claims every sample it has not seen', async () => {
    const fresh = await claimSamples(samplesCollection(database.db), [sample('a', 1), sample('b', 2)]);
    expect([...fresh].sort()).toEqual(['3:2:a', '3:2:b']);
    expect(await samplesCollection(database.db).countDocuments()).toBe(2);
  });

  it('refuses a sample id seen at another position, and still records the others of the batch', async () => {
    const samples = samplesCollection(database.db);
    await claimSamples(samples, [sample('a', 1)]);
    const fresh = await claimSamples(samples, [sample('a', 9), sample('c', 10)]);
    expect([...fresh]).toEqual(['3:2:c']);
    expect((await samples.findOne({ _id: '3:2:a' }))?.offset).toBe(1);
  });

  it('accepts again a sample whose stored copy came from the very same record (an unfinished attempt)', async () => {
    const samples = samplesCollection(database.db);
    await claimSamples(samples, [sample('a', 5, 2)]);
    const fresh = await claimSamples(samples, [sample('a', 5, 2)]);
    expect([...fresh]).toEqual(['3:2:a']);
    const samePlaceOtherPartition = await claimSamples(samples, [sample('a', 5, 3)]);
    expect([...samePlaceOtherPartition]).toEqual([]);
  });
});
