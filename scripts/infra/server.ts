import type { Log } from './log';

/** A server that `infra up` provisions into the cache and starts detached on loopback. */
export interface LocalServer {
  readonly name: 'kafka' | 'ferretdb' | 'postgresql';
  /** What clients connect to: a broker list or a connection string. */
  readonly address: string;
  /** The loopback ports it listens on. */
  readonly ports: readonly number[];
  readonly pidFile: string;
  /** Where the server's stdout/stderr go; its tail is shown when it does not come up. */
  readonly logFile: string;
  /** A string unique to this instance's command line, to recognise it by pid. */
  readonly marker: string;
  /** What asks it to stop (default SIGTERM); SIGKILL follows if it has not stopped after a grace period. */
  readonly stopSignal?: NodeJS.Signals;
  isProvisioned(): boolean;
  provision(log: Log): Promise<void>;
  /** Prepares state (first-start formatting) and starts the server detached; returns its pid. */
  start(log: Log): Promise<number>;
}
