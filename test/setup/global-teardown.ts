import { downForTestRun } from '../../scripts/infra/test-runs';

/**
 * Stops the servers a test run started once no other test run still uses them; servers that were already
 * running (for instance from `npm run infra:up`) are left running.
 */
export default async function globalTeardown(): Promise<void> {
  await downForTestRun();
}
