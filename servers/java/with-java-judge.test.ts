import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { FleetNetworkError, ServerInfrastructureError } from '../backend-kit/errors.js';
import { ServerFleet } from '../fleet/server-fleet.js';
import { freePortRange } from '../fleet/testing/free-port-range.js';
import { probe } from '../fleet/testing/https-probe.js';
import { createTestPki, type CreatedTestPki } from '../pki/create-test-pki.js';
import { waitFor } from '../../support/testing/index.js';
import { javaListenAddresses } from './java-judge.js';
import { javaScenarioIds } from './java-scenarios.js';
import { findJava } from './java-tools.js';

const java = await findJava();
const skip = !java.available && process.env.CI !== 'true' ? `Java judge not built: ${java.reason}` : false;

let pki: CreatedTestPki;
before(async () => { pki = await createTestPki(); });
after(() => pki?.dispose());

test('fleet withJavaJudge: the Java scenarios beside the backend\'s, one health check, one stop', { skip }, async () => {
  const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge().start();
  try {
    assert.deepEqual(fleet.javaJudge, { state: 'running' });
    assert.deepEqual(fleet.endpoints().map((e) => e.scenario), ['required-a', ...javaScenarioIds()]);
    const r = await probe(pki, fleet.endpoint('java-required-a').port, '/whoami', { identity: pki.identities['rsa-a'] });
    assert.equal(r.json.verify, 'SUCCESS');
    assert.equal(fleet.resources().pids.length, 1);
    await fleet.assertHealthy();
    // The JVM's stderr arrives on its own pipe, after the answer; the fleet's logs are text with
    // no event per line (nginx's are a file), so poll them, bounded.
    await waitFor('GET /whoami in the Java judge\'s log', () => (/"GET \/whoami"/.test(fleet.logs('java-required-a')) ? true : undefined), 10_000, 20);
  } finally {
    await fleet.stop();
  }
  const [pid] = fleet.resources().pids;
  assert.throws(() => process.kill(pid!, 0), { code: 'ESRCH' });
});

test('--ports: the Java scenarios take the ports after the main scenarios\'', { skip }, async () => {
  const from = await freePortRange(1 + javaScenarioIds().length);
  const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge()
    .withNetwork({ bind: '127.0.0.1', ports: { from, to: from + javaScenarioIds().length } }).start();
  try {
    assert.deepEqual(fleet.endpoints().map((e) => [e.scenario, e.port]),
      ['required-a', ...javaScenarioIds()].map((id, i) => [id, from + i]));
    assert.equal(fleet.endpoint('java-required-b').origin, `https://localhost:${fleet.endpoint('java-required-b').port}`);
    const r = await probe(pki, from + 1 + javaScenarioIds().indexOf('java-required-b'), '/whoami', { identity: pki.identities['ec-b'] });
    assert.equal(r.json.server, 'java-required-b');
    assert.equal(r.json.verify, 'SUCCESS');
  } finally {
    await fleet.stop();
  }
});

test('--ports too small for the main and Java scenarios: FleetNetworkError with the count, nothing started', { skip }, async () => {
  const needed = 1 + javaScenarioIds().length;
  const from = await freePortRange(needed);
  await assert.rejects(
    new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge()
      .withNetwork({ ports: { from, to: from + needed - 2 } }).start(),
    (error: unknown) => error instanceof FleetNetworkError && new RegExp(`needs ${needed} \\(1 scenarios \\+ ${needed - 1} of the Java judge\\)`).test(error.message),
  );
  // Nothing listens on the range: the check came before any server started.
  await assert.rejects(probe(pki, from, '/whoami'), /ECONNREFUSED/);
});

test('--ports with a Java port taken: START_FAILED naming the port, the main backend stopped', { skip }, async () => {
  const from = await freePortRange(1 + javaScenarioIds().length);
  const taken = from + javaScenarioIds().length;
  const blocker = createServer().listen(taken, '127.0.0.1');
  await once(blocker, 'listening');
  try {
    await assert.rejects(
      new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge()
        .withNetwork({ ports: { from, to: taken } }).start(),
      (error: unknown) => error instanceof ServerInfrastructureError && new RegExp(`cannot listen on 127\\.0\\.0\\.1 port ${taken}`).test(error.message),
    );
    await assert.rejects(probe(pki, from, '/whoami'), /ECONNREFUSED/, 'the main backend is stopped');
  } finally {
    blocker.close();
  }
});

test('--bind ::1: every Java scenario answers on ::1 and on 127.0.0.1, on the same port', { skip }, async () => {
  const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['no-client-auth']).withJavaJudge()
    .withNetwork({ bind: '::1' }).start();
  try {
    assert.deepEqual(fleet.exposure.listen, ['::1', '127.0.0.1']);
    for (const id of ['java-required-a', 'java-tls12-rsa-signatures']) {
      const { port } = fleet.endpoint(id);
      for (const host of ['::1', '127.0.0.1']) {
        const r = await probe(pki, port, '/whoami', { identity: pki.identities['rsa-a'], host });
        assert.equal(r.status, 200, `${id} on ${host}: ${r.body}`);
        assert.equal(r.json.server, id);
      }
    }
  } finally {
    await fleet.stop();
  }
});

test('javaListenAddresses: Java\'s "::" is dual-stack, so it replaces the IPv4 addresses', () => {
  assert.deepEqual(javaListenAddresses(['::1', '127.0.0.1']), ['::1', '127.0.0.1']);
  assert.deepEqual(javaListenAddresses(['::', '127.0.0.1']), ['::']);
  assert.deepEqual(javaListenAddresses(['0.0.0.0']), ['0.0.0.0']);
});

test('fleet withJavaJudge without javac: the backend runs alone and the fleet says why', async () => {
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  process.env.PATH = '/nonexistent-voltmx-path';
  delete process.env.JAVA_HOME;
  let fleet;
  // Without Java the plan needs only the main scenarios' port.
  const from = await freePortRange(1);
  try {
    fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge()
      .withNetwork({ ports: { from, to: from } }).start();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME !== undefined) process.env.JAVA_HOME = saved.JAVA_HOME;
  }
  try {
    assert.equal(fleet.javaJudge.state, 'unavailable');
    assert.match(fleet.javaJudge.state === 'unavailable' ? fleet.javaJudge.reason : '', /javac not found/);
    assert.deepEqual(fleet.endpoints().map((e) => e.scenario), ['required-a']);
    assert.equal(fleet.endpoint('required-a').port, from);
  } finally {
    await fleet.stop();
  }
});
