import type { AppProcess } from '../support/app-process';
import { devToken } from '../support/dev-token';
import { kafkaBrokers } from '../support/env';
import { waitCaughtUp } from '../support/group-progress';
import { testKafka } from '../support/kafka-client';
import { spawnScript } from '../support/spawn-script';
import { freshNames, startApi, startProjector, TEST_JWT_SECRET } from '../support/system';

async function simulate(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const run = spawnScript('scripts/simulate.ts', args, env, 20_000);
  const code = await new Promise<number | null>((resolve) => run.child.once('exit', resolve));
  return { code, output: run.output() };
}

interface Dashboard {
  metrics: { id: number; type: string; latest_timestamp: string | null; latest_data?: unknown[] }[];
  user: { id: number; email: string } | null;
}

describe('npm run simulate against the running system', () => {
  const names = freshNames('simulate');
  let projector: AppProcess;
  let api: AppProcess;
  const env = () => ({ KAFKA_BROKERS: kafkaBrokers().join(','), EVENTS_TOPIC: names.eventsTopic });

  beforeAll(async () => {
    projector = await startProjector(names);
    api = await startApi(names);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([projector?.kill(), api?.kill()]);
  }, 30_000);

  it('publishes users with devices, metrics and readings ending now, which become their dashboards', async () => {
    const run = await simulate(
      ['--users', '3', '--metrics', '2', '--readings', '12', '--tenant', '7'],
      env(),
    );
    expect({ code: run.code, output: run.output }).toEqual({
      code: 0,
      output: expect.stringMatching(/^published \d+ events to .*: tenant 7, users 1 to 3\n/),
    });
    await waitCaughtUp(testKafka('simulate'), names.group, names.eventsTopic, 60_000);
    const response = await fetch(`${api.url}/api/v1/dashboard`, {
      headers: { authorization: `Bearer ${devToken(TEST_JWT_SECRET, 7, 3)}` },
    });
    expect(response.status).toBe(200);
    const dashboard = (await response.json()) as Dashboard;
    expect(dashboard.user).toMatchObject({ id: 3, email: 'user3@example.invalid' });
    expect(dashboard.metrics.map((m) => [m.id, m.type])).toEqual([
      [2, 'stepCount'],
      [1, 'heartRate'],
    ]);
    const heartRate = dashboard.metrics[1];
    expect(heartRate.latest_data?.length).toBe(10);
    expect(Date.now() - Date.parse(heartRate.latest_timestamp ?? '')).toBeLessThan(120_000);
  }, 120_000);

  it('says what to do when the events topic does not exist yet, and refuses bad sizes', async () => {
    const missing = await simulate([], { ...env(), EVENTS_TOPIC: `${names.eventsTopic}.missing` });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('does not exist yet: start the projector (npm start), which creates it');
    const bad = await simulate(['--users', '0'], env());
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('--users must be a whole number from 1 to 100000, got "0"');
  }, 60_000);
});
