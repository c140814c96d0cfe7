import { materialize, type DashboardState } from '@app/dashboard';
import type { DashboardDocument } from '@app/mongo';
import type { Db } from 'mongodb';
import { differingPaths, type FieldDifference } from './document-differences';

export interface DocumentDifference {
  readonly id: string;
  readonly fields: readonly FieldDifference[];
}

export interface Comparison {
  /** Documents looked at (present in either collection). */
  readonly compared: number;
  readonly differing: DocumentDifference[];
  /** Documents at different log positions in the two versions: not comparable (yet). */
  readonly unsettled: string[];
}

/**
 * Compares two versions document by document. Stored views carry the `as_of` they were written at, so
 * both states are re-materialized at one common `now` and the resulting views and states are compared
 * (positions included). With `settle`, documents whose positions differ are reported as unsettled instead
 * (one version has applied more of the log than the other), for the caller to look at again.
 */
export async function compareVersions(
  db: Db,
  left: string,
  right: string,
  now: Date,
  options: { settle: boolean; ids?: readonly string[] },
): Promise<Comparison> {
  const [a, b] = await Promise.all([readStates(db, left, options.ids), readStates(db, right, options.ids)]);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const comparison: Comparison = { compared: ids.length, differing: [], unsettled: [] };
  for (const id of ids) {
    const [stateA, stateB] = [parse(a.get(id)), parse(b.get(id))];
    if (options.settle && !samePositions(stateA, stateB)) {
      comparison.unsettled.push(id);
      continue;
    }
    if (!stateA || !stateB) {
      comparison.differing.push({
        id,
        fields: [
          { path: '(document)', left: stateA ? 'present' : 'missing', right: stateB ? 'present' : 'missing' },
        ],
      });
      continue;
    }
    const fields = differingPaths(evaluated(stateA, now), evaluated(stateB, now));
    if (fields.length > 0) comparison.differing.push({ id, fields });
  }
  return comparison;
}

function evaluated(state: DashboardState, now: Date): { view: unknown; state: unknown } {
  const { view, state: pruned } = materialize(state, now);
  return { view, state: pruned };
}

const parse = (json: string | undefined): DashboardState | undefined =>
  json === undefined ? undefined : (JSON.parse(json) as DashboardState);

function samePositions(a: DashboardState | undefined, b: DashboardState | undefined): boolean {
  return differingPaths(a?.positions ?? {}, b?.positions ?? {}).length === 0;
}

/** `state_json` by id, kept as text until compared (the bulk of the memory is this one string each). */
async function readStates(db: Db, collection: string, ids?: readonly string[]): Promise<Map<string, string>> {
  const docs = await db
    .collection<DashboardDocument>(collection)
    .find(ids ? { _id: { $in: [...ids] } } : {}, { projection: { state_json: 1 } })
    .toArray();
  return new Map(docs.map((d) => [d._id, d.state_json]));
}
