import { validateRecord, type DomainEventEnvelope } from '@app/contracts';
import { firstDifference } from '../../../test/support/close-to';
import { projectInMemory, ONE_BATCH } from './in-memory-projector';
import { referenceView } from './reference-projection';
import { goldenExpected, goldenRecords } from '../../../test/support/spec-examples';

function goldenEvents(): DomainEventEnvelope[] {
  return goldenRecords().map((r, i) => {
    const result = validateRecord(r.key, Buffer.from(JSON.stringify(r.value)));
    if (!result.ok) throw new Error(`golden record ${i} rejected: ${result.detail}`);
    return result.event;
  });
}

describe('the reference projection', () => {
  it('reproduces the golden example of the contract', () => {
    const expected = goldenExpected();
    const view = referenceView(goldenEvents(), new Date(expected.as_of));
    expect(firstDifference(JSON.parse(JSON.stringify(view)), expected)).toBeNull();
  });

  it('agrees with the in-memory pipeline on the golden example', () => {
    const asOf = new Date(goldenExpected().as_of);
    const { views } = projectInMemory(goldenEvents(), { ...ONE_BATCH, clock: [asOf] });
    expect(
      firstDifference(JSON.parse(JSON.stringify(views.get('3:2'))), referenceView(goldenEvents(), asOf)),
    ).toBeNull();
  });
});
