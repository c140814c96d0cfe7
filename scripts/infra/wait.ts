import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it answers true. Gives up after `timeoutMs`, or early when `gaveUp()` says there is
 * no point waiting (e.g. the server process has exited). Returns whether the probe answered.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; gaveUp?: () => boolean },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline || opts.gaveUp?.()) return false;
    await sleep(opts.intervalMs ?? 250);
  }
}
