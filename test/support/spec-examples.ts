import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The contract beside the project: `SPEC_DIR`, else `../shared/spec` from the repository root (as in CI). */
export const SPEC_DIR = process.env.SPEC_DIR ?? resolve(__dirname, '../../../shared/spec');

/** One JSON value per non-blank line of a file under the spec folder, e.g. `examples/rejects.jsonl`. */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(resolve(SPEC_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface GoldenRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface RejectExample {
  readonly reason: string;
  readonly key: string;
  /** The exact record value text. */
  readonly value: string;
}

export const goldenRecords = (): GoldenRecord[] =>
  readJsonLines<GoldenRecord>('examples/golden.events.jsonl');
export const rejectExamples = (): RejectExample[] => readJsonLines<RejectExample>('examples/rejects.jsonl');
export const goldenExpected = (): { as_of: string } & Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(SPEC_DIR, 'examples/golden.expected.json'), 'utf8'));
