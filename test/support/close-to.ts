/**
 * Deep equality where numbers may differ by a relative 1e-9 (the contract's tolerance for averages).
 * Returns the path of the first difference, or null.
 */
export function firstDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), Number.MIN_VALUE);
    return Math.abs(actual - expected) / scale <= 1e-9 ? null : `${path}: ${actual} != ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path}: length or type differs`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: not an object`;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) {
      if (!(k in a)) return `${path}.${k}: missing`;
      if (!(k in e)) return `${path}.${k}: unexpected`;
      const d = firstDifference(a[k], e[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, expected) || actual === expected
    ? null
    : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}
