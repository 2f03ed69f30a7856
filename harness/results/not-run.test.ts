import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withNotRun } from './not-run.js';
import type { RequirementResult } from './types.js';

const pass = (requirement: string, device: string): RequirementResult => ({
  requirement, device, status: 'pass', expected: 'pass', unexpected: false, expectationReason: null, message: '',
  observation: null, clientResult: null, serverLog: null, tests: [],
});

const devices = [{ name: 'a', platform: 'android' as const }, { name: 'i', platform: 'ios' as const }];

test('a requirement that applies and produced no result is an unexpected error "not run"; other platforms and spec files are left out', () => {
  const out = withNotRun([pass('CA-REMOVE', 'a')], { devices, specs: ['specs/remove.spec.ts', 'specs/replace.spec.ts'] });
  const errors = out.filter((r) => r.status === 'error').map((r) => `${r.requirement}@${r.device}`);
  assert.ok(!errors.includes('CA-REMOVE@i'), 'CA-REMOVE is Android-only');
  assert.ok(!errors.includes('CA-REMOVE@a'), 'it ran');
  assert.ok(errors.includes('CA-REPLACE@a') && errors.includes('CA-REPLACE@i'));
  assert.ok(!errors.some((e) => e.startsWith('CA-TLS13')), 'its spec file did not run');
  const one = out.find((r) => r.requirement === 'CA-REPLACE')!;
  assert.equal(one.unexpected, true);
  assert.match(one.message, /^not run/);
});

test('an exact filter: only the requested requirements must appear; server requirements never', () => {
  const out = withNotRun([], { devices, specs: ['specs/replace.spec.ts'], requirements: ['CA-REPLACE'] });
  assert.deepEqual([...new Set(out.map((r) => r.requirement))], ['CA-REPLACE']);
  const all = withNotRun([], { devices, specs: ['servers/fleet/fleet.test.ts'] });
  assert.deepEqual(all, []);
});
