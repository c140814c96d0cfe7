import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The contract's examples live beside the project, in ../shared/spec/examples. */
export const EXAMPLES_DIR = join(__dirname, '../../../../shared/spec/examples');

export interface GoldenRecord {
  readonly key: string;
  readonly value: unknown;
}

export function readJsonLines<T>(file: string): T[] {
  return readFileSync(join(EXAMPLES_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

export const goldenRecords = (): GoldenRecord[] => readJsonLines<GoldenRecord>('golden.events.jsonl');
export const goldenExpected = (): { as_of: string } & Record<string, unknown> =>
  JSON.parse(readFileSync(join(EXAMPLES_DIR, 'golden.expected.json'), 'utf8'));
