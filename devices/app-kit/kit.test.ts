/**
 * The built kit is ES5 and touches no global outside `voltmx` and the ECMA-262 built-ins; the
 * check itself fails on the host APIs and syntax a Volt MX context lacks.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildKit, caFingerprintOf, KIT_VERSION } from './build-kit.js';
import { scanKit } from './testing/es5-globals.js';

const kit = buildKit({ caFingerprint: 'ab'.repeat(32) });

/** The kit with one more statement inside its function scope. */
function withLine(line: string): string {
  return kit.replace("'use strict';", `'use strict';\n  ${line}`);
}

describe('the drop-in kit', () => {
  it('parses as ES5 and touches only voltmx and ECMA-262 built-ins', () => {
    const scan = scanKit(kit);
    assert.equal(scan.syntaxError, null);
    assert.deepEqual(scan.disallowed, []);
    assert.ok(scan.globals.includes('voltmx'), 'the kit reaches the runtime through voltmx');
  });

  it('bakes in its version and the CA fingerprint, and defines one global', () => {
    assert.match(kit, new RegExp(`var KIT_VERSION = "${KIT_VERSION.replace(/\./g, '\\.')}";`));
    assert.match(kit, /var CA_FINGERPRINT = "(ab){32}";/);
    assert.equal(kit.match(/^var /gm)?.length, 1);
    assert.throws(() => buildKit({ caFingerprint: 'AB' }), { code: 'KIT_BAD_FINGERPRINT' });
  });

  for (const [name, line] of [
    ['setTimeout', 'setTimeout(function () {}, 1);'],
    ['TextDecoder', 'var decoded = new TextDecoder().decode(voltmx.convertToRawBytes(""));'],
    ['Buffer', "var b = Buffer.from('a');"],
    ['fetch', "fetch('https://localhost/');"],
    ['console', "console.log('x');"],
    ['require', "var fs = require('fs');"],
  ] as const) {
    it(`fails on a kit that uses ${name}`, () => {
      const scan = scanKit(withLine(line));
      assert.equal(scan.syntaxError, null);
      assert.deepEqual(scan.disallowed, [name]);
    });
  }

  for (const [name, line] of [
    ['Object.assign', 'var o = Object.assign({}, { a: 1 });'],
    ['Array.from', 'var a = Array.from([1]);'],
    ['.includes()', "var has = ['a'].includes('a');"],
    ['.startsWith()', "var starts = 'ab'.startsWith('a');"],
  ] as const) {
    it(`fails on a kit that uses ${name}, which ES5 lacks`, () => {
      assert.deepEqual(scanKit(withLine(line)).disallowed, [name]);
    });
  }

  it('fails on a kit that uses Promise, Map or Symbol (not ES5)', () => {
    assert.deepEqual(scanKit(withLine('var p = Promise.resolve(new Map()); var s = Symbol();')).disallowed, ['Map', 'Promise', 'Symbol']);
  });

  it('fails on a kit with a class private field, an import, or other post-ES5 syntax', () => {
    for (const code of [
      'var C = class { #secret = 1; };',
      "import x from 'x';",
      'let y = 1;',
      'var f = () => 1;',
      'var t = `template`;',
    ]) {
      const scan = scanKit(code.startsWith('import') ? `${code}\n${kit}` : withLine(code));
      assert.notEqual(scan.syntaxError, null, code);
    }
  });

  it('resolves locals, parameters, catch parameters and named function expressions', () => {
    const scan = scanKit('var a = 1; function f(b) { var c = b; try { g(); } catch (e) { c = e; } return a + c + arguments.length + (function h() { return h; })(); } label: for (;;) { break label; } var o = { key: a }; o.other = o.key;');
    assert.deepEqual(scan.globals, ['g']);
  });

  it('computes the fingerprint of a CA as the SHA-256 of its DER', () => {
    assert.throws(() => caFingerprintOf('not a certificate'));
  });
});
