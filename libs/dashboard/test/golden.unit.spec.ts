import { validateRecord } from '@app/contracts';
import {
  evolve,
  initialState,
  materialize,
  rebucket,
  type FoldEvent,
  type HistorySample,
} from '@app/dashboard';
import { firstDifference } from '../../../test/support/close-to';
import { goldenExpected, goldenRecords } from '../../../test/support/spec-examples';

describe('the golden example folded in memory', () => {
  it('gives exactly the expected dashboard at its as_of', () => {
    const events: FoldEvent[] = goldenRecords().map((r, offset) => {
      const result = validateRecord(r.key, Buffer.from(JSON.stringify(r.value)));
      if (!result.ok) throw new Error(`golden record ${offset} rejected: ${result.detail}`);
      return { event: result.event, partition: 0, offset };
    });
    let state = initialState(3, 2);
    const seen = new Set<string>();
    const history: HistorySample[] = [];
    for (const input of events) {
      const e = input.event;
      if (e.type === 'QuantitySampleRecorded') {
        if (seen.has(e.data.sample_id)) continue;
        seen.add(e.data.sample_id);
        const { metric_id, quantity } = e.data;
        const { partition, offset } = input;
        history.push({ metric_id, epoch_ms: e.startAt.epochMs, quantity, partition, offset });
      }
      state = evolve(state, input);
      if (state.rebucket_pending) state = rebucket(state, history);
    }
    const expected = goldenExpected();
    const { view } = materialize(state, new Date(expected.as_of));
    expect(firstDifference(JSON.parse(JSON.stringify(view)), expected)).toBeNull();
  });
});
