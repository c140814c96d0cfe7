import { ConfigError } from '@app/platform';

/** Exit codes shared by the operator commands; `--help` of each lists the ones it uses. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  differences: 1,
  busy: 3,
  unsettled: 4,
  interrupted: 130,
} as const;

export class UsageError extends Error {}

/** node:util parseArgs rejects unknown options and missing values with these codes. */
const isArgumentError = (error: unknown): boolean =>
  String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS_');

/** Runs a command's main and exits with its code; usage and configuration mistakes exit 2 with the reason. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exit(EXIT.usage);
      }
      if (error instanceof UsageError || isArgumentError(error)) {
        process.stderr.write(`${name}: ${(error as Error).message} (--help lists the options)\n`);
        process.exit(EXIT.usage);
      }
      process.stderr.write(
        `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(EXIT.failed);
    },
  );
}

/** An AbortSignal fired by SIGINT / SIGTERM, so a command stops cleanly (and resumably). */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
