/** Progress lines go to stderr so that stdout stays machine-readable (the addresses). */
export type Log = (line: string) => void;

export const stderrLog: Log = (line) => process.stderr.write(`[infra] ${line}\n`);

export const silentLog: Log = () => undefined;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Runs a long step, saying what it does before and how long it took after. */
export async function timed<T>(log: Log, label: string, step: () => Promise<T>): Promise<T> {
  log(`${label} ...`);
  const started = Date.now();
  const result = await step();
  log(`${label}: done in ${seconds(Date.now() - started)}`);
  return result;
}
