import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Structured JSON logs on stdout, one object per line, with the app name on every line. */
export function createLogger(app: string, level: LevelWithSilent = 'info'): Logger {
  return pino({ name: app, level, timestamp: pino.stdTimeFunctions.isoTime, base: { app } });
}
