import { parseArgs } from 'node:util';

/** What one `npm run bench` measures, and how big. Defaults finish the whole run in about ten minutes. */
export interface BenchOptions {
  /** Backlog drained by the projector and both baselines. */
  readonly events: number;
  readonly users: number;
  readonly metrics: number;
  readonly partitions: number;
  /** Length of the sustained-rate phase (s); 0 skips it. */
  readonly duration: number;
  /** Length of each freshness level (s). */
  readonly freshnessSeconds: number;
  /** Length of each autocannon run (s) and its connections. */
  readonly querySeconds: number;
  readonly connections: number;
  /** The slow baseline stops after this long (s) and is rated on what it did by then. */
  readonly baselineCapSeconds: number;
  readonly growth: boolean;
  /** Users of the growth series (metrics as `metrics`), then metrics (users as the first entry). */
  readonly growthUsers: readonly number[];
  readonly growthMetrics: readonly number[];
  readonly seed: number;
  /** Projector variables for a second, compared projector run in the fold phase (`--compare-env`). */
  readonly compareEnv: Readonly<Record<string, string>>;
  /** Projector variables for every projector of the run (`--projector-env`). */
  readonly projectorEnv: Readonly<Record<string, string>>;
  /** Also write the markdown report to this file. */
  readonly out?: string;
}

const HELP = `usage: npm run bench -- [options]
  --events N            backlog size (default 30000)
  --users N             simulated users (default 200)
  --metrics N           metrics per user (default 5)
  --partitions N        partitions of the events topic (default 4)
  --duration S          sustained-rate phase length in seconds, 0 to skip (default 60)
  --freshness-seconds S length of each freshness level (default 15)
  --query-seconds S     length of each autocannon run (default 10)
  --connections N       autocannon connections (default 50)
  --baseline-cap S      stop the naive baseline after S seconds (default 120)
  --no-growth           skip the growth series
  --growth-users N,…    users of the growth series (default 100,500,1000,2000)
  --growth-metrics N,…  metrics per user of the growth series (default 1,10,50)
  --projector-env K=V,… projector variables for every projector of the run
  --compare-env K=V,…   also drain the backlog with these projector variables, side by side
  --seed N              simulator seed (default 42)
  --out FILE            also write the markdown report to FILE`;

const positive = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
};

const list = (name: string, raw: string | undefined, fallback: number[]): number[] =>
  raw === undefined ? fallback : raw.split(',').map((item) => positive(name, item.trim(), 0));

const assignments = (name: string, raw: string | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [key, value] = pair.split('=');
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key?.trim() ?? '') || value === undefined)
      throw new Error(`--${name} takes NAME=value pairs separated by commas, got "${pair}"`);
    result[key.trim()] = value.trim();
  }
  return result;
};

export function readOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      users: { type: 'string' },
      metrics: { type: 'string' },
      partitions: { type: 'string' },
      duration: { type: 'string' },
      'freshness-seconds': { type: 'string' },
      'query-seconds': { type: 'string' },
      connections: { type: 'string' },
      'baseline-cap': { type: 'string' },
      'no-growth': { type: 'boolean', default: false },
      'growth-users': { type: 'string' },
      'growth-metrics': { type: 'string' },
      'projector-env': { type: 'string' },
      'compare-env': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    events: positive('events', values.events, 30_000),
    users: positive('users', values.users, 200),
    metrics: positive('metrics', values.metrics, 5),
    partitions: positive('partitions', values.partitions, 4),
    duration: positive('duration', values.duration, 60, 0),
    freshnessSeconds: positive('freshness-seconds', values['freshness-seconds'], 15),
    querySeconds: positive('query-seconds', values['query-seconds'], 10),
    connections: positive('connections', values.connections, 50),
    baselineCapSeconds: positive('baseline-cap', values['baseline-cap'], 120),
    growth: !values['no-growth'],
    growthUsers: list('growth-users', values['growth-users'], [100, 500, 1000, 2000]),
    growthMetrics: list('growth-metrics', values['growth-metrics'], [1, 10, 50]),
    projectorEnv: assignments('projector-env', values['projector-env']),
    compareEnv: assignments('compare-env', values['compare-env']),
    seed: positive('seed', values.seed, 42, 0),
    out: values.out,
  };
}

export const usage = HELP;
