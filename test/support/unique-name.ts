import { randomBytes } from 'node:crypto';

/** `prefix` + time + randomness, restricted to characters valid in topic, database and collection names. */
export function uniqueName(prefix: string, separator: '-' | '_'): string {
  const safe = prefix.replace(/[^a-zA-Z0-9]+/g, separator).slice(0, 30);
  return [safe, Date.now().toString(36), randomBytes(3).toString('hex')].join(separator);
}
