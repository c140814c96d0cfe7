import { HTTP_ADAPTERS, type HttpAdapterName } from '../apps/api/src/api.config';
import { int, kb, mib, ms, ratio, seconds, table } from './format';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import type { FoldResult } from './phases/fold';
import type { GrowthResult } from './phases/growth';
import type { LiveResult } from './phases/live';
import type { ReplayResult } from './phases/replay';
import type { HttpLoad } from './measure/http-load';
import type { QueryAuth, QueryResult, QueryRun } from './phases/query';

export interface BenchResults {
  readonly command: string;
  readonly machine: Machine;
  readonly options: BenchOptions;
  readonly fold: FoldResult;
  readonly replay: ReplayResult;
  readonly query: QueryResult;
  readonly live: LiveResult;
  readonly growth?: GrowthResult;
}

function header({ command, machine, options }: BenchResults): string {
  return [
    `Command: \`${command}\``,
    '',
    `- Date: ${machine.date}; code: ${machine.commit}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory`,
    `- Versions: Node ${machine.node}, Kafka ${machine.kafka}, ${machine.documentStore}`,
    `- Sizes: backlog ${int(options.events)} events, ${int(options.users)} users × ${options.metrics} metrics, ` +
      `${options.partitions} partitions, seed ${options.seed}; freshness ${options.freshnessSeconds} s per level; ` +
      `autocannon ${options.connections} connections × ${options.querySeconds} s; sustained ${options.duration} s; ` +
      (options.growth
        ? `growth users ${options.growthUsers.join(', ')} × ${options.metrics} metrics, then metrics ${options.growthMetrics.join(', ')} × ${options.growthUsers[0]} users`
        : 'no growth series'),
    `- Projector env: ${Object.keys(options.projectorEnv).length > 0 ? JSON.stringify(options.projectorEnv) : 'defaults'}`,
  ].join('\n');
}

/** A table row rated against the fold phase's two baselines: the raw consumer and the naive projector. */
const baselineRow =
  ({ raw, naive }: FoldResult) =>
  (name: string, rate: number, detail: string): string[] => [
    name,
    int(rate),
    ratio(rate, raw.rate),
    ratio(rate, naive.rate),
    detail,
  ];

function foldSection({ fold, options }: BenchResults): string {
  const { raw, projector, variant, naive } = fold;
  const row = baselineRow(fold);
  const m = projector.metrics;
  const rows = [
    row('raw kafkajs consumer (ceiling)', raw.rate, `${int(raw.events)} events in ${seconds(raw.seconds)}`),
    row(
      'projector',
      projector.rate,
      `${int(projector.events)} in ${seconds(projector.seconds)}; ${m.batches} chunks, ${seconds(m.batchSeconds)} in chunks`,
    ),
  ];
  if (variant)
    rows.push(
      row(
        `projector, ${JSON.stringify(options.compareEnv)}`,
        variant.rate,
        `${ratio(variant.rate, projector.rate)} the default; ${variant.metrics.batches} chunks`,
      ),
    );
  rows.push(
    row(
      'naive projector (findOneAndUpdate per event)',
      naive.rate,
      `${int(naive.events)} events in ${seconds(naive.seconds)}${naive.complete ? '' : ' (capped)'}`,
    ),
  );
  const cpu = projector.serverCpu;
  return [
    '### Fold throughput (drain the backlog, events/s)',
    '',
    table(['consumer', 'events/s', '× raw consumer', '× naive projector', 'detail'], rows),
    '',
    `During the projector's drain (${seconds(projector.seconds)} wall): projector CPU ${seconds(m.cpuSeconds)}, ` +
      `FerretDB CPU ${seconds(cpu.ferretdb)}, Kafka CPU ${seconds(cpu.kafka)}; ` +
      `${int(projector.documents)} documents, mean ${kb(projector.meanDocumentBytes)} (view_json + state_json); ` +
      `projector RSS ${mib(m.rssBytes)}; outcomes ${JSON.stringify(m.records)}.`,
  ].join('\n');
}

function replaySection({ fold, replay }: BenchResults): string {
  const row = baselineRow(fold);
  const { projector } = fold;
  return [
    '### Replay throughput (`npm run replay` on the same backlog, events/s)',
    '',
    'A new read-model version built from offset 0 into fresh collections, caught up and switched to, as an',
    "operator runs it; the rate is over the command's whole work (lock, fold, switch). Baselines from the fold",
    'phase above.',
    '',
    table(
      ['run', 'events/s', '× raw consumer', '× naive projector', 'detail'],
      [
        row(
          'npm run replay',
          replay.rate,
          `${int(replay.records)} records, ${int(replay.users)} documents, ${int(replay.rejects)} rejects in ${seconds(replay.seconds)}`,
        ),
        row(
          'live projector drain (fold phase)',
          projector.rate,
          `the replay ran at ${ratio(replay.rate, projector.rate)} this rate`,
        ),
      ],
    ),
  ].join('\n');
}

function freshnessSection({ live }: BenchResults): string {
  const idle = live.levels.find((l) => l.share === 0)?.freshness;
  const rows = live.levels.map((l) => [
    l.share === 0 ? 'idle (baseline)' : `${l.share * 100} % of max`,
    int(l.offeredRate),
    ms(l.freshness.p50Ms),
    ms(l.freshness.p99Ms),
    idle ? ratio(l.freshness.p50Ms, idle.p50Ms) : 'n/a',
    idle ? ratio(l.freshness.p99Ms, idle.p99Ms) : 'n/a',
    `${l.freshness.samples}${l.freshness.timeouts > 0 ? ` (+${l.freshness.timeouts} timed out)` : ''}`,
    l.caughtUp ? 'yes' : 'no',
  ]);
  const sustained = live.sustained
    ? `\n\nSustained: offered ${int(live.sustained.offeredRate)} events/s for ${live.sustained.seconds} s; ` +
      `the projector folded ${int(live.sustained.foldRate)} events/s ` +
      `(window after a 10 s warm-up).`
    : '';
  const max =
    live.maxRateSource === 'sustained'
      ? `the sustained fold rate below (${int(live.maxRate)} events/s)`
      : `the backlog drain rate (${int(live.maxRate)} events/s)`;
  return (
    [
      '### Freshness (produce → visible in GET /api/v1/dashboard)',
      '',
      `Background load from the simulator at shares of ${max}; a probe reading every 250 ms (overlapping: a slow projector yields late samples, not gaps), the API polled every 50 ms.`,
      '',
      table(
        [
          'background load',
          'offered events/s',
          'p50',
          'p99',
          'p50 × idle',
          'p99 × idle',
          'probes',
          'caught up after',
        ],
        rows,
      ),
    ].join('\n') + sustained
  );
}

const findRun = ({ runs }: QueryResult, auth: QueryAuth, adapter: HttpAdapterName) =>
  runs.find((r) => r.auth === auth && r.adapter === adapter);

/** One endpoint of one app; each figure also as a multiple of the same figure of its /health/live. */
function queryRow(endpoint: string, { adapter }: QueryRun, load: HttpLoad, ceiling: HttpLoad): string[] {
  const vs = (text: string, value: number, of: number) => `${text} (${ratio(value, of)})`;
  return [
    endpoint,
    adapter,
    vs(int(load.rps), load.rps, ceiling.rps),
    vs(ms(load.p50Ms), load.p50Ms, ceiling.p50Ms),
    vs(ms(load.p99Ms), load.p99Ms, ceiling.p99Ms),
    String(load.failures),
  ];
}

/** Fastify's figures as multiples of Express's, for one way of verifying tokens. */
function fastifyOverExpress(query: QueryResult, auth: QueryAuth): string {
  const [express, fastify] = [findRun(query, auth, 'express'), findRun(query, auth, 'fastify')];
  if (!express || !fastify) return `${auth} n/a`;
  const of = (endpoint: string, e: HttpLoad, f: HttpLoad) =>
    `${endpoint} req/s ${ratio(f.rps, e.rps)}, p50 ${ratio(f.p50Ms, e.p50Ms)}, p99 ${ratio(f.p99Ms, e.p99Ms)}`;
  return `${auth} ${of('dashboard', express.dashboard, fastify.dashboard)}; ${of('/health/live', express.health, fastify.health)}`;
}

function querySection({ query }: BenchResults): string {
  const rows = query.runs.flatMap((r) => [
    queryRow(`GET /health/live (${r.auth} app, ceiling)`, r, r.health, r.health),
    queryRow(`GET /api/v1/dashboard, ${r.auth}`, r, r.dashboard, r.health),
  ]);
  const rsVsHs = HTTP_ADAPTERS.map((adapter) => {
    const [hs, rs] = [findRun(query, 'HS256', adapter), findRun(query, 'RS256', adapter)];
    return `${hs && rs ? ratio(rs.dashboard.rps, hs.dashboard.rps) : 'n/a'} the HS256 one on ${adapter}`;
  });
  return [
    `### Query (${int(query.users)} users' documents, tokens in turn)`,
    '',
    table(
      [
        'endpoint',
        'adapter',
        ...['req/s', 'p50', 'p99'].map((figure) => `${figure} (× /health/live)`),
        'failures',
      ],
      rows,
    ),
    '',
    `Fastify / Express: ${fastifyOverExpress(query, 'HS256')}. ${fastifyOverExpress(query, 'RS256')}.`,
    '',
    `RS256 dashboard throughput is ${rsVsHs.join(', ')}.`,
  ].join('\n');
}

function growthSection({ growth }: BenchResults): string {
  if (!growth) return '### Growth\n\nSkipped (`--no-growth`).';
  const first = growth.points[0];
  const rows = growth.points.map((p) => [
    `${int(p.users)} × ${p.metrics}`,
    int(p.events),
    int(p.rate),
    ratio(p.rate, first.rate),
    mib(p.rssBytes),
    kb(p.meanDocumentBytes),
  ]);
  return [
    '### Growth (projector drain: registration plus 3 reading rounds per user)',
    '',
    'Small backlogs finish in about a second, so their rates carry start-up effects; the trend is what matters.',
    '',
    table(['users × metrics', 'events', 'events/s', '× first row', 'projector RSS', 'mean document'], rows),
  ].join('\n');
}

/** The whole run as markdown. */
export function renderReport(results: BenchResults): string {
  return [
    header(results),
    foldSection(results),
    replaySection(results),
    freshnessSection(results),
    querySection(results),
    growthSection(results),
  ].join('\n\n');
}
