import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What to install when a build tool is missing, by tool name. */
const installHints: Record<string, string> = {
  java: 'install a Java 17+ JDK or JRE (Debian: apt-get install openjdk-17-jre-headless)',
  mvn: 'install Apache Maven 3.6+ (Debian: apt-get install maven)',
  go: 'install Go 1.24+ (https://go.dev/dl/, or Debian backports: apt-get install golang-1.24)',
};

/** The absolute path of `command` on PATH, if any. */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/** Fails with an actionable message when `command` is not on PATH; `why` says which server needs it. */
export function requireTool(command: keyof typeof installHints, why: string): string {
  const found = which(command);
  if (!found)
    throw new Error(`"${command}" was not found on PATH; it is needed to ${why}: ${installHints[command]}`);
  return found;
}

/** Kafka 4 needs Java 17; the JVM prints its version on stderr as `version "17.0.15"`. */
export function requireJava17(why: string): string {
  const java = requireTool('java', why);
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${out.stderr}${out.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 17)) {
    throw new Error(`Java ${match ? major : '(unknown version)'} found at ${java}; ${installHints.java}`);
  }
  return java;
}
