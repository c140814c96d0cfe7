/** Number formatting for the report: thousands separators, ratios to 3 significant digits. */
export const int = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';

export const ms = (n: number): string =>
  Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} ms` : 'n/a';

export const ratio = (value: number, baseline: number): string => {
  const r = value / baseline;
  if (!Number.isFinite(r)) return 'n/a';
  return `${r >= 100 ? Math.round(r).toLocaleString('en-US') : r.toPrecision(3)}×`;
};

export const mib = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : 'n/a';

export const kb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : 'n/a';

export const seconds = (s: number): string => (Number.isFinite(s) ? `${s.toFixed(1)} s` : 'n/a');

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
