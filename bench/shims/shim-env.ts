import { join } from 'node:path';

/** Env that preloads the bulkWrite splitter (see split-bulk-writes.ts) into an app process. */
export function splitShimEnv(): Record<string, string> {
  const shim = join(__dirname, 'split-bulk-writes.ts');
  const inherited = process.env.NODE_OPTIONS ?? '';
  return { NODE_OPTIONS: `${inherited} --require @swc-node/register --require ${shim}`.trim() };
}
