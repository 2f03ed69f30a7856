/** The typed envelope survives the kit's decoder byte for byte, and damage is caught by the kit. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createContext, runInContext } from 'node:vm';
import { buildKit } from './build-kit.js';
import { checksum, encodeCommand } from './command-envelope.js';

/** The kit's own parser, reached inside its scope (a test-only build exposing parseCommandText). */
const kitScope = createContext({});
runInContext(buildKit({ caFingerprint: null }).replace('return { wire: wire,', 'return { parse: parseCommandText, sum: checksum, wire: wire,'), kitScope);
const kit = (kitScope as { VoltmxConformance: { parse(text: string): { batch: boolean; commands: unknown[] }; sum(text: string): string } }).VoltmxConformance;

function codeOf(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  return 'no error';
}

describe('the command envelope', () => {
  it('is capital letters and digits only', () => {
    assert.match(encodeCommand({ action: 'load-base64', input: 'a"b--c', password: "it's \u00e9" }), /^[A-Z0-9]+$/);
  });

  it('the kit opens exactly the command the harness encoded (any JSON, any length)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string(), (extra, text) => {
      const command = { action: 'info', extra, text };
      assert.deepEqual(JSON.parse(JSON.stringify(kit.parse(encodeCommand(command)).commands[0])), JSON.parse(JSON.stringify(command)));
    }), { numRuns: 300 });
  });

  it('computes the same checksum as the kit', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => assert.equal(kit.sum(text), checksum(text))), { numRuns: 300 });
  });

  it('a dropped or changed character gives APP_COMMAND_DAMAGED, never another command', () => {
    const typed = encodeCommand([{ action: 'load-rawbytes', input: 'a.p12', password: 'secret' }, { action: 'info' }]);
    for (let i = 0; i < typed.length; i++) {
      assert.equal(codeOf(() => kit.parse(typed.slice(0, i) + typed.slice(i + 1))), 'APP_COMMAND_DAMAGED', `dropped ${i}`);
      const changed = typed[i] === 'A' ? 'B' : 'A';
      assert.equal(codeOf(() => kit.parse(typed.slice(0, i) + changed + typed.slice(i + 1))), 'APP_COMMAND_DAMAGED', `changed ${i}`);
    }
  });

  it('plain JSON still works; curly quotes in it are reported as damage', () => {
    assert.equal(kit.parse('{"action":"info"}').commands.length, 1);
    assert.equal(codeOf(() => kit.parse('{\u201caction\u201d:\u201cinfo\u201d}')), 'APP_COMMAND_DAMAGED');
    assert.equal(codeOf(() => kit.parse('not json')), 'APP_BAD_COMMAND');
  });
});
