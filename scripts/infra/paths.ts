import { resolve } from 'node:path';
import { versions } from './versions';

/** Repository root, independent of the caller's working directory. */
export const repoRoot = resolve(__dirname, '..', '..');

/** Everything provisioned lives here (git-ignored); `INFRA_CACHE_DIR` moves it, e.g. to a CI cache volume. */
export const cacheRoot = resolve(process.env.INFRA_CACHE_DIR ?? resolve(repoRoot, '.cache', 'infra'));

/** Downloaded or built artefacts, one folder per version so an upgrade never mixes files. */
export const kafkaDist = resolve(cacheRoot, `kafka-${versions.kafka}`);
export const ferretdbDist = resolve(cacheRoot, `ferretdb-${versions.ferretdb}`);

/** Per-instance state (data, logs, pid), one folder per port so two instances never share a data dir. */
export const kafkaInstanceDir = (port: number): string => resolve(cacheRoot, `kafka-${port}`);
export const ferretdbInstanceDir = (port: number): string => resolve(cacheRoot, `ferretdb-${port}`);
export const postgresqlInstanceDir = (port: number): string => resolve(cacheRoot, `postgresql-${port}`);
