import { str } from 'envalid';
import { LOG_LEVELS } from './logger';

/** Variables every app reads. */
export const commonEnv = {
  LOG_LEVEL: str({ choices: [...LOG_LEVELS], default: 'info', desc: 'pino log level' }),
};
