import fc from 'fast-check';
import { differingPaths } from './document-differences';

describe('differingPaths', () => {
  it('finds nothing between a JSON value and its deep copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(differingPaths(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it('names the path of a changed field, a missing key and a shorter array', () => {
    const left = { view: { metrics: [{ avg_today: 70, latest: [1, 2] }], name: 'a' }, extra: 1 };
    const right = { view: { metrics: [{ avg_today: 71, latest: [1] }], name: 'a' } };
    expect(differingPaths(left, right)).toEqual([
      { path: 'view.metrics[0].avg_today', left: 70, right: 71 },
      { path: 'view.metrics[0].latest.length', left: 2, right: 1 },
      { path: 'extra', left: 1, right: undefined },
    ]);
  });

  it('treats numbers within a relative 1e-9 as equal and further apart as different', () => {
    expect(differingPaths({ avg: 0.1 + 0.2 }, { avg: 0.3 })).toEqual([]);
    expect(differingPaths({ avg: 1 }, { avg: 1 + 1e-6 })).toHaveLength(1);
  });

  it('tells null from a number and a string from a number', () => {
    expect(differingPaths([null, '1'], [0, 1])).toEqual([
      { path: '[0]', left: null, right: 0 },
      { path: '[1]', left: '1', right: 1 },
    ]);
  });

  it('stops at the limit', () => {
    const left = Array.from({ length: 100 }, (_, i) => i);
    const right = left.map((n) => n + 1);
    expect(differingPaths(left, right, '', 5)).toHaveLength(5);
  });
});
