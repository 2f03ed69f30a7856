import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { ServerFleet } from '../fleet/server-fleet.js';
import { probe } from '../fleet/testing/https-probe.js';
import { untilUnhealthy } from '../fleet/testing/until-unhealthy.js';
import { toolSkip } from '../../support/testing/index.js';
import { dockerAvailable } from './docker-availability.js';

let pki: CreatedTestPki | undefined;
let skipReason: string | undefined;
before(async () => {
  const docker = await dockerAvailable();
  // Skipped without a daemon locally; a failure with the install command in CI.
  skipReason = toolSkip('docker', docker.available ? undefined : docker.reason) || undefined;
  if (!skipReason) pki = await createTestPki();
});
after(async () => { await pki?.dispose(); });

async function containerExists(id: string): Promise<boolean> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  return (await client.container.list()).some((c) => c.Id === id);
}

test('testcontainers: a killed container is CONTAINER_EXITED; stop() removes it and the folder', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const fleet = await new ServerFleet(pki!).withBackend('testcontainers').withScenarios(['required-a']).start();
  const [id] = fleet.resources().containerIds;
  assert.ok(id && (await containerExists(id)));
  assert.equal((await probe(pki!, fleet.endpoint('required-a').port, '/whoami')).status, 400);
  await fleet.assertHealthy();
  const { getContainerRuntimeClient } = await import('testcontainers');
  await (await getContainerRuntimeClient()).container.getById(id).kill();
  const error = await untilUnhealthy(fleet);
  assert.equal(error.code, 'CONTAINER_EXITED');
  await fleet.stop();
  await fleet.stop();
  assert.equal(await containerExists(id), false);
  assert.equal(await access(fleet.workDir).then(() => true, () => false), false);
});
