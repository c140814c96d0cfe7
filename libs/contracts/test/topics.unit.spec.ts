import {
  DEFAULT_DLQ_TOPIC,
  DEFAULT_EVENTS_TOPIC,
  DLQ_HEADERS,
  MAX_VALUE_BYTES,
  topicsFromEnv,
  truncateUtf8,
} from '@app/contracts';

describe('topics', () => {
  it('have the contract default names', () => {
    expect(DEFAULT_EVENTS_TOPIC).toBe('biometrics.events.v1');
    expect(DEFAULT_DLQ_TOPIC).toBe('biometrics.events.v1.dlq');
    expect(topicsFromEnv({})).toEqual({ events: 'biometrics.events.v1', dlq: 'biometrics.events.v1.dlq' });
  });

  it('are overridden by EVENTS_TOPIC and DLQ_TOPIC', () => {
    expect(topicsFromEnv({ EVENTS_TOPIC: 'e2e.events', DLQ_TOPIC: ' e2e.dlq ' })).toEqual({
      events: 'e2e.events',
      dlq: 'e2e.dlq',
    });
  });

  it('keep the defaults for empty overrides', () => {
    expect(topicsFromEnv({ EVENTS_TOPIC: '', DLQ_TOPIC: '  ' })).toEqual(topicsFromEnv({}));
  });
});

describe('DLQ constants', () => {
  it('name the contract headers', () => {
    expect(Object.values(DLQ_HEADERS).sort()).toEqual(
      [
        'x-dlq-reason',
        'x-dlq-error',
        'x-dlq-source-topic',
        'x-dlq-source-partition',
        'x-dlq-source-offset',
        'x-dlq-failed-at',
      ].sort(),
    );
  });

  it('limit values to 64 KiB', () => {
    expect(MAX_VALUE_BYTES).toBe(65536);
  });

  it('truncate error details to 1 KiB of UTF-8 without splitting a character', () => {
    expect(truncateUtf8('short')).toBe('short');
    expect(Buffer.byteLength(truncateUtf8('x'.repeat(5000)))).toBe(1024);
    const cut = truncateUtf8('😀'.repeat(300));
    expect(Buffer.byteLength(cut)).toBe(1024);
    expect(cut).toBe('😀'.repeat(256));
    expect(truncateUtf8('aé😀', 4)).toBe('aé');
  });
});
