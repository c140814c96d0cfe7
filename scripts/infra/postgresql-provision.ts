import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Log } from './log';
import { timed } from './log';
import { cacheRoot } from './paths';
import { run } from './processes';
import { which } from './tools';

/** Where Debian and Ubuntu put each major version's server programs (not on PATH). */
const debianRoot = '/usr/lib/postgresql';

const complete = (dir: string): boolean =>
  ['postgres', 'initdb', 'pg_isready'].every((program) => existsSync(join(dir, program)));

/**
 * The folder holding `postgres`, `initdb` and `pg_isready`: that of `postgres` on PATH (links followed, as
 * images often link only some programs there), else Debian's newest major version.
 */
export function postgresBinDir(): string | undefined {
  const onPath = which('postgres');
  const candidates = onPath ? [dirname(realpathSync(onPath))] : [];
  if (existsSync(debianRoot))
    candidates.push(
      ...readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debianRoot, v, 'bin')),
    );
  return candidates.find(complete);
}

export const postgresInstalled = (): boolean => postgresBinDir() !== undefined;

/** E.g. `PostgreSQL 15.18`, from `postgres --version`; undefined when it is not installed. */
export function postgresVersion(): string | undefined {
  const dir = postgresBinDir();
  if (!dir) return undefined;
  const out = execFileSync(join(dir, 'postgres'), ['--version'], { encoding: 'utf8' });
  const version = /\(PostgreSQL\) (\S+)/.exec(out)?.[1];
  return version && `PostgreSQL ${version}`;
}

/**
 * PostgreSQL comes from the system's packages rather than the cache: Debian's build is the one the machine
 * image carries. As root with apt it is installed; otherwise the message says what to install.
 */
export async function installPostgres(log: Log): Promise<void> {
  const apt = which('apt-get');
  if (!apt || process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL server programs (postgres, initdb) were not found on PATH or in /usr/lib/postgresql/*/bin; ' +
        'they back the local FerretDB: install PostgreSQL 13+ (Debian: apt-get install postgresql)',
    );
  }
  const logFile = join(cacheRoot, 'postgresql-install.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await timed(log, 'postgresql: installing Debian package postgresql with apt-get', async () => {
    await run(apt, ['update'], { env, logFile });
    await run(apt, ['install', '-y', '--no-install-recommends', 'postgresql'], { env, logFile });
  });
}

/** The account PostgreSQL runs under: it refuses to run as root, so root hands it to `postgres`. */
export function postgresAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no "postgres" user to run it as; ' +
        'create one (useradd --system postgres) or run as an ordinary user',
    );
  }
}
