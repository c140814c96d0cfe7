/**
 * Publishes the contract's JSON Schemas (single source: libs/contracts/src/schemas.ts) as
 * libs/contracts/schemas/*.json, formatted with the repository's prettier settings.
 *
 *   npm run schemas            write the files (and delete stale ones)
 *   npm run schemas -- --check exit 1 when the committed files differ from the source
 */
import { readdirSync, readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { publishedSchemas } from '../../libs/contracts/src/schemas';

export const SCHEMAS_DIR = resolve(__dirname, '../../libs/contracts/schemas');

async function render(file: string, schema: object): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(JSON.stringify(schema), { ...options, filepath: file });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  const wanted = publishedSchemas();
  const stale = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.json') && !(name in wanted));
  let differs = stale.length > 0;
  for (const name of stale) {
    if (check) console.error(`stale: ${name}`);
    else unlinkSync(join(SCHEMAS_DIR, name));
  }
  for (const [name, schema] of Object.entries(wanted)) {
    const file = join(SCHEMAS_DIR, name);
    const text = await render(file, schema);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    differs = true;
    if (check) console.error(`out of date: ${name}`);
    else writeFileSync(file, text);
  }
  if (check && differs) {
    console.error('libs/contracts/schemas is out of date: run `npm run schemas`');
    process.exit(1);
  }
  if (!check) console.log(`wrote ${Object.keys(wanted).length} schemas to ${SCHEMAS_DIR}`);
}

void main();
