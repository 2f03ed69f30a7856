import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ServerFleet } from '../fleet/server-fleet.js';
import { probe } from '../fleet/testing/https-probe.js';
import { createTestPki, type CreatedTestPki } from '../pki/create-test-pki.js';
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
    assert.match(fleet.logs('java-required-a'), /"GET \/whoami"/);
  } finally {
    await fleet.stop();
  }
  const [pid] = fleet.resources().pids;
  assert.throws(() => process.kill(pid!, 0), { code: 'ESRCH' });
});

test('fleet withJavaJudge without javac: the backend runs alone and the fleet says why', async () => {
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  process.env.PATH = '/nonexistent-voltmx-path';
  delete process.env.JAVA_HOME;
  let fleet;
  try {
    fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(['required-a']).withJavaJudge().start();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME !== undefined) process.env.JAVA_HOME = saved.JAVA_HOME;
  }
  try {
    assert.equal(fleet.javaJudge.state, 'unavailable');
    assert.match(fleet.javaJudge.state === 'unavailable' ? fleet.javaJudge.reason : '', /javac not found/);
    assert.deepEqual(fleet.endpoints().map((e) => e.scenario), ['required-a']);
  } finally {
    await fleet.stop();
  }
});
