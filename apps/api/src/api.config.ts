import { EnvError, makeValidator, port, str } from 'envalid';
import { commonEnv, ConfigError, loadConfig } from '@app/platform';
import { mongoEnv, type MongoConfig } from '@app/mongo';
import { authEnv, resolveAuth, type AuthSettings } from './auth/auth.config';

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input.trim());
  if (!/^\d+$/.test(input.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new EnvError(`"${input}" is not a positive whole number`);
  }
  return value;
});

/**
 * The HTTP servers Nest can run on; both answer alike (test/api runs every suite on each). Fastify is the
 * default: in the query benchmark (`npm run bench`) it serves about 3× Express's requests per second on
 * /health/live, and more on the dashboard too.
 */
export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/** Every variable the API reads; defaults are for a developer machine. */
export const apiEnv = {
  ...commonEnv,
  ...mongoEnv,
  ...authEnv,
  PORT: port({ default: 8000, desc: 'HTTP port' }),
  HTTP_ADAPTER: str({ choices: HTTP_ADAPTERS, default: 'fastify', desc: 'the HTTP server Nest runs on' }),
  HOST: str({ default: undefined, desc: 'interface to bind; unset = all interfaces (IPv4 and IPv6)' }),
  READ_MODEL_POLL_MS: positiveInt({
    default: 1000,
    desc: 'how often (ms) the active dashboards collection name is re-read',
  }),
};

export interface ApiConfig extends MongoConfig {
  readonly LOG_LEVEL: string;
  readonly HTTP_ADAPTER: HttpAdapterName;
  readonly PORT: number;
  readonly HOST?: string;
  readonly READ_MODEL_POLL_MS: number;
  readonly auth: AuthSettings;
}

export const API_CONFIG = Symbol('API_CONFIG');

/** Reads and checks the environment; throws one ConfigError listing every mistake. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const raw = loadConfig(apiEnv, env);
  const { settings, mistakes } = resolveAuth(raw);
  if (!settings) throw new ConfigError(mistakes);
  return {
    LOG_LEVEL: raw.LOG_LEVEL,
    MONGODB_URI: raw.MONGODB_URI,
    MONGODB_DATABASE: raw.MONGODB_DATABASE,
    HTTP_ADAPTER: raw.HTTP_ADAPTER,
    PORT: raw.PORT,
    HOST: raw.HOST,
    READ_MODEL_POLL_MS: raw.READ_MODEL_POLL_MS,
    auth: settings,
  };
}
