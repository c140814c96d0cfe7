/** The few projector figures the bench reads from its Prometheus endpoint. */
export interface ProjectorSnapshot {
  /** `projector_records_total` by outcome (applied, duplicate, redelivered, rejected). */
  readonly records: Readonly<Record<string, number>>;
  readonly batches: number;
  readonly batchSeconds: number;
  readonly rssBytes: number;
  readonly cpuSeconds: number;
}

const sample = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1).split(' ')[0]) : Number.NaN;
};

export async function scrapeProjector(baseUrl: string): Promise<ProjectorSnapshot> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const records: Record<string, number> = {};
  for (const match of text.matchAll(/^projector_records_total\{outcome="(\w+)"\} (\S+)$/gm)) {
    records[match[1]] = Number(match[2]);
  }
  return {
    records,
    batches: sample(text, 'projector_batch_duration_seconds_count'),
    batchSeconds: sample(text, 'projector_batch_duration_seconds_sum'),
    rssBytes: sample(text, 'process_resident_memory_bytes'),
    cpuSeconds: sample(text, 'process_cpu_seconds_total'),
  };
}
