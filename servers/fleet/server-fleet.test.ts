import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { registeredCleanups } from '../../support/index.js';
import { createTestPki, type CreatedTestPki } from '../pki/index.js';
import { UnknownScenarioError } from '../scenarios/catalog.js';
import { FleetStoppedError, ScenarioNotStartedError, ServerInfrastructureError } from '../backend-kit/errors.js';
import { ServerFleet, type StartedServerFleet } from './server-fleet.js';
import { probe } from './testing/https-probe.js';
import { untilUnhealthy } from './testing/until-unhealthy.js';

let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(async () => { await pki.dispose(); });

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
const running = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

test('builder: selected scenarios only, urls on localhost, typed errors for unknown ones', async () => {
  assert.throws(() => new ServerFleet(pki).withScenarios(['nope']), UnknownScenarioError);
  const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a', 'no-client-auth']).start();
  try {
    assert.deepEqual(fleet.endpoints().map((e) => e.scenario), ['required-a', 'no-client-auth']);
    const { port } = fleet.endpoint('required-a');
    assert.equal(fleet.url('required-a'), `https://localhost:${port}/whoami`);
    assert.equal(fleet.url('required-a', '/service'), `https://localhost:${port}/service`);
    assert.throws(() => fleet.endpoint('required-b'), ScenarioNotStartedError);
    await fleet.assertHealthy();
    await probe(pki, port, '/whoami', { identity: pki.identities['rsa-a'] });
    assert.match(fleet.logs('required-a'), /GET \/whoami verify=SUCCESS/);
    assert.equal(fleet.logs('no-client-auth'), '');
  } finally {
    await fleet.stop();
  }
});

test('nginx: killing the child by its PID is an infrastructure error, and stop() still cleans up', async () => {
  const fleet = await new ServerFleet(pki).withBackend('nginx').withScenarios(['required-a', 'optional-a']).start();
  // The process's cleanup path knows it (so a signal or a crash stops it), until stop().
  assert.ok(registeredCleanups().includes('nginx server fleet'), registeredCleanups().join(', '));
  const [pid] = fleet.resources().pids;
  assert.ok(pid && running(pid));
  process.kill(pid, 'SIGKILL');
  const error = await untilUnhealthy(fleet);
  assert.equal(error.code, 'PROCESS_EXITED');
  assert.equal(error.backend, 'nginx');
  assert.match(error.message, /SIGKILL/);
  // The next request fails, and is classified as infrastructure, not as the client's fault.
  const failure = await probe(pki, fleet.endpoint('required-a').port, '/whoami').then(() => null, (e: unknown) => e);
  assert.ok(failure, 'a request to a dead server fails');
  assert.ok((await fleet.classify(failure)) instanceof ServerInfrastructureError);
  await fleet.stop();
  await fleet.stop();
  assert.equal(await exists(fleet.workDir), false);
  assert.equal(registeredCleanups().includes('nginx server fleet'), false);
});

test('nginx: stop() leaves no process and no folder behind; a stopped fleet refuses use', async () => {
  const fleet = await new ServerFleet(pki).withBackend('nginx').withScenarios(['no-client-auth']).start();
  const [pid] = fleet.resources().pids;
  assert.ok(await exists(`${fleet.workDir}/nginx.conf`));
  const healthy = await probe(pki, fleet.endpoint('no-client-auth').port, '/whoami');
  assert.equal(healthy.status, 200);
  assert.equal(await fleet.classify('client error'), 'client error');
  await Promise.all([fleet.stop(), fleet.stop()]);
  assert.equal(running(pid), false);
  assert.equal(await exists(fleet.workDir), false);
  assert.throws(() => fleet.endpoint('no-client-auth'), FleetStoppedError);
  await assert.rejects(fleet.assertHealthy(), FleetStoppedError);
});

test('embedded: stop() is idempotent, closes the ports and removes the folder', async () => {
  const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['no-client-auth']).start();
  await fleet.assertHealthy();
  const { port } = fleet.endpoint('no-client-auth');
  await fleet.stop();
  await fleet.stop();
  assert.equal(await exists(fleet.workDir), false);
  await assert.rejects(probe(pki, port, '/whoami'));
});

test('a failed start is a START_FAILED infrastructure error and leaves no folder', async () => {
  const { NginxBackend } = await import('../nginx/nginx-backend.js');
  const backend = new NginxBackend('/nonexistent/nginx');
  await assert.rejects(
    backend.start({ pki, scenarios: [], workDir: '/nonexistent' }),
    (e: unknown) => e instanceof ServerInfrastructureError && e.code === 'START_FAILED',
  );
});
