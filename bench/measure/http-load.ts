import autocannon from 'autocannon';

export interface HttpLoad {
  /** Mean requests per second over the run. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Non-2xx answers plus connection errors: should be 0. */
  readonly failures: number;
}

export interface HttpLoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Bearer tokens used in turn, one per request (none: no Authorization header). */
  readonly tokens?: readonly string[];
}

/** Drives one endpoint with autocannon at a fixed number of connections for a fixed time. */
export async function loadEndpoint(options: HttpLoadOptions): Promise<HttpLoad> {
  const tokens = options.tokens ?? [];
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) =>
          tokens.length === 0
            ? request
            : {
                ...request,
                headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
              },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.sent,
    failures: result.non2xx + result.errors,
  };
}
