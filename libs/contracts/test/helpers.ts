/** Builders of test records (not a test file). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let counter = 0;
/** A fresh, valid UUID. */
export function uuid(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const KEY = '3:2';

/** A valid envelope of `type` with `data`; `overrides` replace (or, with `undefined`, remove) envelope fields. */
export function envelope(type: string, data: Json, overrides: Record<string, Json | undefined> = {}): Json {
  const value: Record<string, Json | undefined> = {
    event_id: uuid(),
    type,
    version: 1,
    occurred_at: '2022-01-16T20:00:00Z',
    tenant_id: 3,
    user_id: 2,
    data,
    ...overrides,
  };
  for (const k of Object.keys(value)) if (value[k] === undefined) delete value[k];
  return value as Json;
}

/** A valid QuantitySampleRecorded; `data` fields are merged over a valid sample (`undefined` removes). */
export function sample(
  data: Record<string, Json | undefined> = {},
  overrides: Record<string, Json | undefined> = {},
): Json {
  const merged: Record<string, Json | undefined> = {
    sample_id: uuid(),
    metric_id: 3,
    start_date: '2022-01-16T19:59:00Z',
    end_date: '2022-01-16T19:59:30Z',
    quantity: 61,
    ...data,
  };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return envelope('QuantitySampleRecorded', merged as Json, overrides);
}

/** The record value bytes of a JSON value. */
export const bytes = (value: Json | string): Buffer =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
