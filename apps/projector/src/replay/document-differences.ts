export interface FieldDifference {
  /** e.g. `view.metrics[0].avg_today`, `state.positions.3`. */
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

const RELATIVE_TOLERANCE = 1e-9;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Every path where two JSON values differ (at most `limit`). Numbers within a relative 1e-9 are equal:
 * the contract's tolerance for averages, and what floating sums taken in another order can differ by.
 */
export function differingPaths(left: unknown, right: unknown, path = '', limit = 50): FieldDifference[] {
  const out: FieldDifference[] = [];
  walk(left, right, path, out, limit);
  return out;
}

function walk(left: unknown, right: unknown, path: string, out: FieldDifference[], limit: number): void {
  if (out.length >= limit) return;
  if (typeof left === 'number' && typeof right === 'number') {
    const scale = Math.max(Math.abs(left), Math.abs(right), Number.MIN_VALUE);
    if (Math.abs(left - right) / scale > RELATIVE_TOLERANCE) out.push({ path, left, right });
    return;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length)
      out.push({ path: `${path}.length`, left: left.length, right: right.length });
    for (let i = 0; i < Math.min(left.length, right.length); i++)
      walk(left[i], right[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (isRecord(left) && isRecord(right)) {
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in left) || !(key in right)) out.push({ path: at, left: left[key], right: right[key] });
      else walk(left[key], right[key], at, out, limit);
    }
    return;
  }
  if (!Object.is(left, right)) out.push({ path, left, right });
}
