import { MongoBulkWriteError, MongoServerError } from 'mongodb';

export const DUPLICATE_KEY = 11000;

/**
 * The indexes of the operations an unordered bulk write rejected for a duplicate key. Any other write
 * error is rethrown: only duplicates are an expected outcome.
 */
export function duplicateKeyIndexes(error: unknown): number[] {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    const unexpected = writeErrors.find((e) => e.code !== DUPLICATE_KEY);
    if (unexpected || writeErrors.length === 0) throw error;
    return writeErrors.map((e) => e.index);
  }
  if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return [0];
  throw error;
}
