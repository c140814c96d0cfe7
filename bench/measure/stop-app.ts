import type { AppProcess } from '../../test/support/app-process';

interface Killable {
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Killable>();

/** Remembers a started process so that `killAllNow` can end it if the bench fails half-way. */
export function tracked<T extends Killable>(child: T): T {
  running.add(child);
  return child;
}

export function untrack(child: Killable): void {
  running.delete(child);
}

/** SIGKILL to every tracked process still running (signals are sent synchronously). */
export function killAllNow(): void {
  for (const child of running) void child.kill('SIGKILL');
  running.clear();
}

/**
 * SIGTERM, then SIGKILL after `graceMs`: a projector stuck in a database call finishes its batch
 * before exiting, which may be never.
 */
export async function stopApp(app: AppProcess, graceMs = 10_000): Promise<void> {
  running.delete(app);
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([app.kill('SIGTERM').then(() => 'done' as const), grace]);
  clearTimeout(timer);
  if (outcome === 'late') await app.kill('SIGKILL');
}
