import { describeLag, formatSeconds } from './progress-reporter';

describe('describeLag', () => {
  it('says 0 when every partition has caught up', () => {
    expect(
      describeLag(
        new Map([
          [0, 0],
          [1, 0],
        ]),
      ),
    ).toBe('0');
    expect(describeLag(new Map())).toBe('0');
  });

  it('lists the partitions that lag most first, at most four, and counts the rest', () => {
    const lag = new Map([
      [0, 5],
      [1, 900],
      [2, 0],
      [3, 40],
      [4, 7],
      [5, 1],
      [6, 3],
    ]);
    expect(describeLag(lag)).toBe('p1 900, p3 40, p4 7, p0 5 (+2)');
  });
});

describe('formatSeconds', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m00s'],
    [3599, '59m59s'],
    [3600, '1h00m'],
    [7380, '2h03m'],
  ])('%i s reads %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
