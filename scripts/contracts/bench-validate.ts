// Quick throughput check of validateRecord (not a test): `node -r @swc-node/register scripts/contracts/bench-validate.ts`
import { validateRecord } from '../../libs/contracts/src';

const sample = (i: number) =>
  Buffer.from(
    JSON.stringify({
      event_id: '0b6f3c1e-8f0e-4a43-9d6b-2f1f6a3c9e11',
      type: 'QuantitySampleRecorded',
      version: 1,
      occurred_at: '2022-01-16T20:43:53.141696Z',
      tenant_id: 3,
      user_id: 2,
      data: {
        sample_id: `9b1d7d16-06fc-4c3b-83cc-${String(i).padStart(12, '0')}`,
        metric_id: 3,
        start_date: '2022-01-16T15:43:53.141696-05:00',
        end_date: '2022-01-16T15:43:54.141696-05:00',
        quantity: 61 + (i % 10),
      },
    }),
  );

const records = Array.from({ length: 1000 }, (_, i) => sample(i));
const key = Buffer.from('3:2');
const rounds = 300;
for (let i = 0; i < 20_000; i++) validateRecord(key, records[i % records.length]);
const t0 = process.hrtime.bigint();
let ok = 0;
for (let r = 0; r < rounds; r++) for (const value of records) if (validateRecord(key, value).ok) ok++;
const ns = Number(process.hrtime.bigint() - t0) / (rounds * records.length);
console.log(
  `validateRecord(QuantitySampleRecorded, ${records[0].length} B): ${(ns / 1000).toFixed(2)} µs/record, ok=${ok}`,
);
