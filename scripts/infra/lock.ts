import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const holderAlive = (lockFile: string): boolean => {
  try {
    process.kill(Number(readFileSync(lockFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs `fn` while holding an exclusive lock file, so that two concurrent `up`s (two test runs, say) never
 * provision into the same folder or start the same server twice. A lock left by a dead process is taken over.
 */
export async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!holderAlive(lockFile)) rmSync(lockFile, { force: true });
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
