/**
 * The bridge with the real `jsc` shell: synchronous calls answered in line, values and
 * exceptions that cross both ways, callbacks as events (in order, queued while a call waits),
 * the shell's own globals gone, and a crash or a broken line as a typed error with nothing left running.
 */
import { strict as assert } from 'node:assert';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { registeredCleanups } from '../../../../../support/index.js';
import { descendantsOf, toolSkip, waitFor } from '../../../../../support/testing/index.js';
import { findJsc } from '../../../../../support/tools/index.js';
import { AppHostError } from '../app-host.js';
import { EngineError, JscBridge } from './jsc-bridge.js';

const jsc = findJsc();
const skip = toolSkip('jsc', jsc.exists ? undefined : `no jsc shell at ${jsc.path}`);

/** A Node-side namespace whose `note` the engine writes to; tests wait on what it noted. */
function recorder() {
  const notes: string[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const note = (text: unknown) => {
    notes.push(String(text));
    for (const waiter of waiters.splice(0)) {
      if (notes.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  /** Resolves once `count` notes have arrived. */
  const until = (count: number) => new Promise<string[]>((resolve) => {
    if (notes.length >= count) resolve(notes);
    else waiters.push({ count, resolve: () => resolve(notes) });
  });
  return { notes, note, until };
}

const started: JscBridge[] = [];
function start(root: object): JscBridge {
  const bridge = JscBridge.start({ jscPath: jsc.path, root });
  started.push(bridge);
  return bridge;
}

const isRunning = (pid: number | undefined) => descendantsOf(process.pid).some((p) => p.pid === pid);

after(async () => {
  for (const bridge of started) await bridge.stop();
});

describe('the JavaScriptCore bridge', { skip }, () => {
  it('answers synchronous calls in line: values, handles, private state and exceptions', async () => {
    const { notes, note } = recorder();
    class Box {
      #secret: number;
      label = 'box';
      constructor(secret: number) { this.#secret = secret; }
      peek() { return this.#secret; }
    }
    const root = Object.freeze({
      note,
      add: (a: number, b: number) => a + b,
      echo: (value: unknown) => value,
      Box,
      fail: () => { throw Object.assign(new TypeError('wrong type'), { errorCode: 100 }); },
      same: (a: unknown, b: unknown) => a === b,
    });
    const bridge = start(root);
    await bridge.load(`
      var box = new voltmx.Box(42);
      voltmx.note(voltmx.add(2, 3) + ' ' + box.peek() + ' ' + box.label + ' ' + typeof voltmx.Box + ' ' + (voltmx.Box === voltmx.Box));
      voltmx.note(JSON.stringify(voltmx.echo({ a: [1, 'caf\\u00e9 \\u2603', null], n: -0 === voltmx.echo(-0) && 1 / voltmx.echo(-0) < 0, nan: isNaN(voltmx.echo(NaN)), u: voltmx.echo(undefined) === undefined })));
      try { voltmx.fail(); } catch (e) { voltmx.note(e.name + ' ' + e.message + ' ' + e.errorCode + ' ' + (e instanceof TypeError)); }
      voltmx.note(voltmx.same(box, box) + ' ' + voltmx.same(box, new voltmx.Box(1)) + ' ' + ('peek' in box) + ' ' + Object.keys(box).join(','));
      box.label = 'renamed';
    `, 'calls.js');
    assert.deepEqual(notes, [
      '5 42 box function true',
      '{"a":[1,"café ☃",null],"n":true,"nan":true,"u":true}',
      'TypeError wrong type 100 true',
      'true false true label',
    ]);
    assert.ok(bridge.calls > 10);
    await assert.rejects(bridge.load('null.x;', 'throws.js'), (error: unknown) => error instanceof EngineError && error.name === 'TypeError');
  });

  it('delivers callbacks as events when the engine is idle, in order, queued while a call waits', async () => {
    const { note, until } = recorder();
    const root = Object.freeze({
      note,
      // Fires the callback before answering: its event reaches the engine while the call waits.
      pokeThenAnswer: (callback: (text: string) => void) => {
        callback('event');
        return 'answer';
      },
      // Every timer set in one Node turn: their order is their delays' order, however slow the calls.
      later: (timers: [(text: string) => void, number, string][]) => {
        for (const [callback, ms, text] of timers) setTimeout(() => callback(text), ms);
      },
    });
    const bridge = start(root);
    await bridge.load(`
      voltmx.note('call ' + voltmx.pokeThenAnswer(function (text) { voltmx.note('callback ' + text); }));
      voltmx.note('still in the script');
      var noteIt = function (t) { voltmx.note(t); };
      voltmx.later([[noteIt, 40, 'second'], [noteIt, 5, 'first'], [function (t) { throw new RangeError('app bug ' + t); }, 1, 'x']]);
    `, 'events.js');
    assert.deepEqual(await until(5), ['call answer', 'still in the script', 'callback event', 'first', 'second']);
    assert.deepEqual(bridge.uncaught, [{ name: 'RangeError', message: 'app bug x' }]);
    assert.equal(bridge.failure, null, 'an exception in a callback does not end the engine');
  });

  it("gives a callback the state of its `this` when it fired, until the callback calls native code", async () => {
    const { note, until } = recorder();
    class Stepper {
      #state = 0;
      get state() { return this.#state; }
      onChange: (() => void) | null = null;
      run() {
        // Three changes in one Node turn, as a request reaching HEADERS_RECEIVED, LOADING and DONE.
        for (let state = 1; state <= 3; state++) {
          this.#state = state;
          this.onChange?.call(this);
        }
      }
      poke() {}
    }
    const bridge = start(Object.freeze({ note, Stepper }));
    await bridge.load(`
      var stepper = new voltmx.Stepper();
      stepper.onChange = function () {
        var first = stepper.state + '/' + this.state;
        this.poke();
        voltmx.note(first + ' then ' + stepper.state);
      };
      stepper.run();
    `, 'state.js');
    assert.deepEqual(await until(3), ['1/1 then 3', '2/2 then 3', '3/3 then 3']);
  });

  it('hides the shell: only ECMA-262 built-ins and voltmx are globals', async () => {
    const { notes, note } = recorder();
    const bridge = start(Object.freeze({ note }));
    await bridge.load(`
      var names = ['print', 'printErr', 'readline', 'load', 'loadString', 'run', 'runString', 'quit', 'readFile', 'read', 'writeFile',
        'setTimeout', 'console', 'performance', '$', '$262', 'gc', 'drainMicrotasks', 'WebAssembly', 'describe', 'jscOptions', 'TextDecoder', 'fetch'];
      var present = [];
      for (var i = 0; i < names.length; i++) if (typeof this[names[i]] !== 'undefined') present.push(names[i]);
      voltmx.note(present.join(',') || 'none');
      voltmx.note([typeof JSON, typeof Promise, typeof Uint8Array, typeof Proxy].join(','));
    `, 'globals.js');
    assert.deepEqual(notes, ['none', 'object,function,function,function']);
    for (const [name, code] of [['print', "print('x')"], ['setTimeout', 'setTimeout(function () {}, 1)'], ['load', "load('x.js')"], ['quit', 'quit(0)']]) {
      await assert.rejects(bridge.load(code, `${name}.js`), (error: unknown) => error instanceof EngineError && error.name === 'ReferenceError', name);
    }
  });

  it('turns a crash of the engine into a typed error, and leaves no process', async () => {
    const bridge = start(Object.freeze({ note: () => undefined }));
    await bridge.load('var up = 1;', 'up.js');
    assert.ok(isRunning(bridge.pid));
    process.kill(bridge.pid!, 'SIGKILL');
    const failure = await waitFor('the crash', () => bridge.failure ?? undefined, 10_000, 20);
    assert.ok(failure instanceof AppHostError);
    assert.equal(failure.code, 'APP_HOST_ENGINE_CRASHED');
    assert.match(failure.message, /killed by SIGKILL/);
    await assert.rejects(bridge.callGlobal(['Object', 'keys'], [{}]), { code: 'APP_HOST_ENGINE_CRASHED' });
    await bridge.stop();
    assert.equal(isRunning(bridge.pid), false);
  });

  it('turns a line that breaks the protocol into a typed error, and stops the engine', async (t) => {
    // The real shell behind a wrapper that writes one line that is no message.
    const dir = await mkdtemp(join(tmpdir(), 'jsc-bridge-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const wrapper = join(dir, 'jsc');
    await writeFile(wrapper, `#!/bin/sh\necho 'not a message'\nexec '${jsc.path}' "$@"\n`);
    await chmod(wrapper, 0o700);
    const bridge = JscBridge.start({ jscPath: wrapper, root: {} });
    started.push(bridge);
    await assert.rejects(bridge.load('var x = 1;', 'x.js'), { code: 'APP_HOST_BRIDGE_FAILED' });
    await waitFor('the engine to stop', () => (isRunning(bridge.pid) ? undefined : true), 10_000, 20);
  });

  it('stops the engine by PID through the cleanup path', async () => {
    const before = registeredCleanups().length;
    const bridge = start(Object.freeze({}));
    assert.equal(registeredCleanups().length, before + 1);
    await bridge.load('var up = 1;', 'up.js');
    await bridge.stop();
    assert.equal(isRunning(bridge.pid), false);
    assert.equal(registeredCleanups().length, before);
    await assert.rejects(bridge.load('var x;', 'late.js'));
  });

  it('reports a missing engine as APP_HOST_ENGINE_MISSING', async () => {
    const bridge = JscBridge.start({ jscPath: join(tmpdir(), 'no-such-jsc-shell'), root: {} });
    started.push(bridge);
    await assert.rejects(bridge.load('var x;', 'x.js'), { code: 'APP_HOST_ENGINE_MISSING' });
  });
});
