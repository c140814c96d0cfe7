import type { AbstractHttpAdapter } from '@nestjs/core';

/** One answered request, as the metrics see it. */
export interface AnsweredRequest {
  readonly method: string;
  /** The pattern of the route that answered; undefined when none matched (the not-found handler did). */
  readonly route: string | undefined;
  readonly statusCode: number;
  readonly seconds: number;
}

/**
 * What differs between the HTTP servers Nest can run on, kept here so that everything else (controllers,
 * guard, decorators, metrics, logging) is written once against Nest's adapter-neutral API.
 */
export interface HttpPlatform {
  /**
   * A new adapter that answers exactly as the other one does, and calls `observe` once per answered
   * request, whoever answered it: a handler, a guard, the not-found handler or the router.
   */
  createAdapter(observe: (answer: AnsweredRequest) => void): AbstractHttpAdapter;
  /** The host that makes `listen()` bind every interface, as an unset HOST promises. */
  readonly everyInterface: string | undefined;
}
