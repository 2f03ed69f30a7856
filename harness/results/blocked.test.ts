import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyBlocked, catalogPrerequisites } from './blocked.js';
import type { RequirementResult, ResultStatus } from './types.js';

const result = (requirement: string, status: ResultStatus, device = 'd', unexpected = status !== 'pass' && status !== 'skip'): RequirementResult => ({
  requirement, device, status, expected: 'pass', unexpected, expectationReason: null, message: `${status} msg`,
  observation: null, clientResult: null, serverLog: null, tests: [],
});

const graph: Record<string, string[]> = { C: ['B'], B: ['A'], D: ['A', 'X'], E: ['B'] };
const pre = (id: string) => graph[id] ?? [];

test('a failure whose prerequisite failed is blocked by the root, transitively, and is not unexpected', () => {
  const out = applyBlocked([result('A', 'fail'), result('B', 'fail'), result('C', 'fail'), result('D', 'unimplemented'), result('X', 'fail')], pre);
  const by = Object.fromEntries(out.map((r) => [r.requirement, r]));
  assert.equal(by.A!.status, 'fail');
  assert.equal(by.A!.unexpected, true, 'the root stays unexpected: the run still exits 1');
  assert.equal(by.B!.status, 'blocked');
  assert.deepEqual(by.B!.blockedBy, ['A']);
  assert.equal(by.B!.unexpected, false);
  assert.deepEqual(by.C!.blockedBy, ['A'], 'C -> B -> A: the root, not the blocked B');
  assert.deepEqual(by.D!.blockedBy, ['A', 'X']);
  assert.match(by.C!.message, /blocked by A .*own result: fail/);
});

test('passes stay passes, prerequisites on another device do not block, a passing middle still lets the root block', () => {
  const out = applyBlocked([result('A', 'fail', 'd1'), result('B', 'pass', 'd1'), result('E', 'fail', 'd1'), result('B', 'fail', 'd2')], pre);
  assert.equal(out.find((r) => r.requirement === 'B' && r.device === 'd1')!.status, 'pass');
  assert.deepEqual(out.find((r) => r.requirement === 'E')!.blockedBy, ['A']);
  assert.equal(out.find((r) => r.requirement === 'B' && r.device === 'd2')!.status, 'fail', 'A did not fail on d2');
});

test('errors are infrastructure: neither blocked nor blocking', () => {
  const out = applyBlocked([result('A', 'error'), result('B', 'fail'), result('C', 'error')], pre);
  assert.deepEqual(out.map((r) => r.status), ['error', 'fail', 'error']);
});

test('the catalog: CA-REPLACE-KEEPALIVE builds on CA-REPLACE; CA-TLS13 on CA-BOTH-APIS', () => {
  assert.deepEqual(catalogPrerequisites('CA-REPLACE-KEEPALIVE'), ['CA-REPLACE']);
  assert.ok(catalogPrerequisites('CA-TLS13').includes('CA-BOTH-APIS'));
  assert.deepEqual(catalogPrerequisites('CA-NO-SUCH'), []);
});

test('a prerequisite that fails as expected blocks nothing: the failure further down is its own, unexpected', () => {
  const expectedA = { ...result('A', 'fail'), expected: 'fail' as const, unexpected: false };
  const out = applyBlocked([expectedA, result('B', 'fail'), result('C', 'fail')], pre);
  const by = Object.fromEntries(out.map((r) => [r.requirement, r]));
  assert.equal(by.B!.status, 'fail');
  assert.equal(by.B!.unexpected, true);
  assert.deepEqual(by.C!.blockedBy, ['B'], 'the unexpected B is the root now');
});

test('a difference (a decision) blocks nothing', () => {
  const out = applyBlocked([result('A', 'differs', 'd', false), result('B', 'fail')], pre);
  assert.deepEqual(out.map((r) => [r.status, r.unexpected]), [['differs', false], ['fail', true]]);
});

test('a difference whose prerequisite failed unexpectedly is blocked: the root speaks, not the decision', () => {
  const out = applyBlocked([result('A', 'fail'), result('B', 'differs', 'd', false)], pre);
  assert.equal(out.find((r) => r.requirement === 'B')!.status, 'blocked');
  assert.match(out.find((r) => r.requirement === 'B')!.message, /own result: differs/);
});
