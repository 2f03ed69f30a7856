/**
 * Test support: waits until a fleet fails its health check (after a test killed its server) and
 * returns the infrastructure error. Health is a check, not an event (a dead nginx or container
 * tells nobody), so this polls it, bounded, through support's one polling wait.
 */
import assert from 'node:assert/strict';
import { waitFor } from '../../../support/testing/index.js';
import { ServerInfrastructureError } from '../../backend-kit/errors.js';
import type { StartedServerFleet } from '../server-fleet.js';

export async function untilUnhealthy(fleet: StartedServerFleet, timeoutMs = 10_000): Promise<ServerInfrastructureError> {
  const error = await waitFor('the fleet to fail its health check', () => fleet.assertHealthy().then(() => undefined, (e: unknown) => e), timeoutMs, 20);
  assert.ok(error instanceof ServerInfrastructureError, String(error));
  return error;
}
