import { join } from 'node:path';
import { withLock } from './lock';
import type { Log } from './log';
import { seconds, timed } from './log';
import { cacheRoot } from './paths';
import { assertPortsFree } from './ports';
import { livePid, stopProcess, tail } from './processes';
import type { LocalServer } from './server';
import type { Service } from './services';
import { waitUntil } from './wait';

/** Stops a local server the way it asks to be stopped. */
export const stopServer = (local: LocalServer): Promise<boolean> =>
  stopProcess(local.pidFile, local.marker, { signal: local.stopSignal });

export interface BroughtUp {
  readonly address: string;
  /** True when this call started the process (and so its caller should stop it). */
  readonly started: boolean;
}

async function waitForAnswer(svc: Service, address: string, log: Log, timeoutMs: number): Promise<void> {
  const { local } = svc;
  const ownProcess = !svc.external;
  const exited = () => ownProcess && livePid(local.pidFile, local.marker) === undefined;
  // An answer only counts while our process lives: otherwise it came from some other server on that port.
  const ok = await timed(log, `${local.name}: waiting for ${address} to answer`, () =>
    waitUntil(async () => (await svc.answers(address)) && !exited(), { timeoutMs, gaveUp: exited }),
  );
  if (ok) return;
  const why = exited()
    ? `${local.name} exited before answering on ${address}`
    : `${local.name} did not answer on ${address} within ${seconds(timeoutMs)}`;
  throw new Error(
    ownProcess ? `${why}; last 40 lines of ${local.logFile}:\n${tail(local.logFile, 40)}` : why,
  );
}

/**
 * Makes one server answer: an external one is only waited for; a local one already answering is reused;
 * otherwise it is provisioned if needed and started. Stops what it started if it never answers.
 */
export async function bringUp(svc: Service, log: Log, timeoutMs: number): Promise<BroughtUp> {
  const { local } = svc;
  if (svc.external) {
    log(`${local.name}: using ${svc.envVar}=${svc.external} (nothing provisioned or started)`);
    await waitForAnswer(svc, svc.external, log, timeoutMs);
    return { address: svc.external, started: false };
  }
  const how = await withLock(join(cacheRoot, `${local.name}.lock`), async () => {
    if (await svc.answers(local.address)) {
      log(`${local.name}: already answering on ${local.address}, reusing it`);
      return 'reused';
    }
    const pid = livePid(local.pidFile, local.marker);
    if (pid !== undefined) {
      log(`${local.name}: process ${pid} is already starting, waiting for it`);
      return 'joined';
    }
    await assertPortsFree(local.name, local.ports);
    if (!local.isProvisioned()) await local.provision(log);
    const newPid = await local.start(log);
    log(`${local.name}: started (pid ${newPid}, log ${local.logFile})`);
    return 'started';
  });
  if (how === 'reused') return { address: local.address, started: false };
  const started = how === 'started';
  try {
    await waitForAnswer(svc, local.address, log, timeoutMs);
  } catch (err) {
    if (started) await stopServer(local);
    throw err;
  }
  return { address: local.address, started };
}
