import { cleanEnv, EnvError, EnvMissingError, type ValidatorSpec } from 'envalid';

/** Thrown at start-up when the environment is wrong; its message lists every mistake, one per line. */
export class ConfigError extends Error {
  constructor(readonly mistakes: readonly string[]) {
    super(`Invalid configuration:\n${mistakes.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Specs = { [key: string]: ValidatorSpec<unknown> };
type Cleaned<S extends Specs> = { readonly [K in keyof S]: S[K] extends ValidatorSpec<infer T> ? T : never };

/**
 * Validates environment variables against envalid specs and returns the typed values.
 * Unlike envalid's default reporter it never exits the process: it throws one ConfigError naming
 * every missing or malformed variable, so the caller decides how to fail.
 */
export function loadConfig<S extends Specs>(specs: S, env: NodeJS.ProcessEnv = process.env): Cleaned<S> {
  // A plain copy: envalid's result is a strict proxy that throws on unknown keys, which trips frameworks
  // that probe objects for hooks.
  const cleaned = cleanEnv(env, specs, {
    reporter: ({ errors }) => {
      const mistakes = Object.entries(errors).map(([name, error]) =>
        describe(name, error as Error, specs[name]),
      );
      if (mistakes.length > 0) throw new ConfigError(mistakes);
    },
  });
  return { ...cleaned } as unknown as Cleaned<S>;
}

function describe(name: string, error: Error, spec: ValidatorSpec<unknown> | undefined): string {
  const hint = spec?.desc ? ` (${spec.desc})` : '';
  if (error instanceof EnvMissingError) return `${name} is required${hint}`;
  if (error instanceof EnvError) return `${name}: ${error.message}${hint}`;
  return `${name}: ${error.message}`;
}
