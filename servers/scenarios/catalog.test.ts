import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIOS, scenario, scenarioIds, serverCredentialOf, UnknownScenarioError } from './catalog.js';

test('catalog: the required scenarios exist with unique ids', () => {
  const ids = scenarioIds();
  assert.equal(new Set(ids).size, ids.length);
  for (const id of [
    'no-client-auth', 'optional-a', 'required-a', 'required-b', 'required-a-or-b', 'optional-no-ca',
    'required-intermediate', 'required-unadvertised', 'tls12-required-a', 'tls13-required-a',
    'resumption-required-a-or-b', 'required-a-or-b-ecdsa-only', 'required-c', 'untrusted-server',
  ]) assert.equal(scenario(id).id, id);
});

test('catalog: every scenario is coherent', () => {
  for (const s of SCENARIOS) {
    assert.ok(s.description.length > 20, s.id);
    assert.ok(s.protocols.length > 0 && s.verifyDepth >= 1, s.id);
    // A server cannot advertise a CA it would not accept.
    for (const ca of s.advertisedCas) assert.ok(s.trustedCas.includes(ca), `${s.id} advertises untrusted ${ca}`);
    if (s.clientAuth === 'off') assert.deepEqual([s.advertisedCas, s.trustedCas], [[], []], s.id);
    else assert.ok(s.trustedCas.length > 0, s.id);
  }
});

test('catalog: only the resumption and idle scenarios resume; the special cases are what their names say', () => {
  assert.deepEqual(SCENARIOS.filter((s) => s.sessionCache || s.sessionTickets).map((s) => s.id), ['resumption-required-a-or-b', 'idle-required-a']);
  assert.deepEqual(SCENARIOS.filter((s) => s.keepAliveTimeoutMs !== undefined || s.sessionTimeoutS !== undefined).map((s) => s.id), ['idle-required-a']);
  const idle = scenario('idle-required-a');
  assert.ok(idle.keepAliveTimeoutMs! <= 2_000 && idle.sessionTimeoutS! <= 2, 'idle periods in tests stay seconds long');
  const resumption = scenario('resumption-required-a-or-b');
  assert.deepEqual([resumption.sessionCache, resumption.sessionTickets], [true, true]);
  assert.deepEqual(scenario('required-unadvertised').advertisedCas, []);
  assert.deepEqual(scenario('required-unadvertised').trustedCas, ['A']);
  assert.equal(scenario('required-intermediate').verifyDepth, 2);
  assert.deepEqual(scenario('tls12-required-a').protocols, ['TLSv1.2']);
  assert.deepEqual(scenario('tls13-required-a').protocols, ['TLSv1.3']);
  assert.equal(scenario('optional-no-ca').clientAuth, 'optional_no_ca');
});

test('catalog: ECDSA-only needs the EC server credential; only untrusted-server is untrusted', () => {
  for (const s of SCENARIOS) {
    if (s.acceptedClientKeys === 'ECDSA') assert.equal(serverCredentialOf(s), 'serverEc', s.id);
  }
  assert.deepEqual(SCENARIOS.filter((s) => s.acceptedClientKeys === 'ECDSA').map((s) => s.id), ['required-a-or-b-ecdsa-only']);
  assert.deepEqual(SCENARIOS.filter((s) => serverCredentialOf(s) === 'untrustedServer').map((s) => s.id), ['untrusted-server']);
  assert.equal(scenario('untrusted-server').clientAuth, 'off');
  assert.deepEqual(scenario('required-c').advertisedCas, ['C']);
});

test('catalog: an unknown id is a typed error', () => {
  assert.throws(() => scenario('nope'), (e: unknown) => e instanceof UnknownScenarioError && e.code === 'UNKNOWN_SCENARIO');
});
