import type { Logger } from '@app/platform';
import { Presets, SingleBar } from 'cli-progress';

export interface ProgressSnapshot {
  readonly phase: string;
  /** Records folded into the version, counted from the log start (a resumed run starts above zero). */
  readonly done: number;
  /** Records in the log at the latest look (grows while producers write). */
  readonly total: number;
  /** Records folded by this run, for the rate. */
  readonly foldedThisRun: number;
  readonly lag: ReadonlyMap<number, number>;
}

const RATE_WINDOW_MS = 15_000;

/**
 * Shows a replay's progress: a bar on a terminal (records done / total, rate, ETA, the partitions that
 * lag most), a structured log line every `intervalMs` otherwise. The rate is taken over the last 15 s.
 */
export class ProgressReporter {
  private timer: NodeJS.Timeout | undefined;
  private bar: SingleBar | undefined;
  private readonly window: { at: number; folded: number }[] = [];
  private sampling: Promise<void> | undefined;

  constructor(
    private readonly sample: () => Promise<ProgressSnapshot>,
    private readonly options: { readonly tty: boolean; readonly intervalMs: number; readonly logger: Logger },
  ) {}

  start(): void {
    if (this.options.tty) {
      this.bar = new SingleBar(
        {
          format:
            '{phase} |{bar}| {percentage}% {value}/{total} records | {rate} rec/s | ETA {etaText} | lag {lag}',
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      // `eta` would collide with the bar's own token (bare seconds); ours is formatted.
      this.bar.start(1, 0, { phase: 'starting', rate: '-', etaText: '-', lag: '-' });
    }
    const every = this.options.tty ? 1000 : this.options.intervalMs;
    this.timer = setInterval(() => {
      this.sampling ??= this.report().finally(() => (this.sampling = undefined));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.report().catch(() => undefined);
    this.bar?.stop();
    this.bar = undefined;
  }

  private async report(): Promise<void> {
    const snapshot = await this.sample().catch(() => undefined);
    if (!snapshot) return;
    const rate = this.rate(snapshot.foldedThisRun);
    const remaining = Math.max(0, snapshot.total - snapshot.done);
    const etaSeconds = rate > 0 ? Math.round(remaining / rate) : null;
    if (this.bar) {
      this.bar.setTotal(Math.max(1, snapshot.total));
      this.bar.update(snapshot.done, {
        phase: snapshot.phase,
        rate: Math.round(rate),
        etaText: etaSeconds === null ? '-' : formatSeconds(etaSeconds),
        lag: describeLag(snapshot.lag),
      });
      return;
    }
    this.options.logger.info(
      {
        phase: snapshot.phase,
        done: snapshot.done,
        total: snapshot.total,
        percent: snapshot.total > 0 ? Math.floor((100 * snapshot.done) / snapshot.total) : 100,
        recordsPerSecond: Math.round(rate),
        etaSeconds,
        lag: Object.fromEntries(snapshot.lag),
      },
      'replay progress',
    );
  }

  private rate(folded: number): number {
    const now = Date.now();
    this.window.push({ at: now, folded });
    while (this.window.length > 2 && now - this.window[0].at > RATE_WINDOW_MS) this.window.shift();
    const first = this.window[0];
    return now > first.at ? ((folded - first.folded) * 1000) / (now - first.at) : 0;
  }
}

/** The partitions that lag most, e.g. `p3 1200, p0 40 (+2)`; `0` when caught up. */
export function describeLag(lag: ReadonlyMap<number, number>): string {
  const behind = [...lag].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (behind.length === 0) return '0';
  const shown = behind.slice(0, 4).map(([p, n]) => `p${p} ${n}`);
  return behind.length > 4 ? `${shown.join(', ')} (+${behind.length - 4})` : shown.join(', ');
}

export function formatSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(s).padStart(2, '0')}s`
      : `${s}s`;
}
