// The JavaScriptCore side of the bridge, run by the `jsc` shell before the kit (jsc-bridge.ts
// is the Node side; wire-format.ts describes the lines). Not the kit: this may use ES2015+.
//
// It takes the shell's own functions (readline, print, loadString, drainMicrotasks, quit) into
// this closure and deletes every global ECMA-262 does not define, so the kit sees the built-ins
// and `voltmx` only, as in a Volt MX app. `voltmx` is a proxy of the Node-side namespace: a
// property read, write or call crosses stdin/stdout as one line and waits for its answer (the
// shell blocks in readline). Node-side callbacks arrive as events, run when the JS side is idle;
// events that arrive while a call waits are queued, never dropped. Every line is ASCII.
(function (global) {
  'use strict';
  var readline = global.readline;
  var print = global.print;
  var loadString = global.loadString;
  var drainMicrotasks = global.drainMicrotasks;
  var quit = global.quit;
  var printErr = global.printErr;
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var ownKeys = Reflect.ownKeys;
  var ProxyCtor = Proxy;
  var MapCtor = Map;
  var WeakMapCtor = WeakMap;
  var ErrorCtor = Error;
  var ERROR_TYPES = { Error: Error, TypeError: TypeError, RangeError: RangeError, SyntaxError: SyntaxError, ReferenceError: ReferenceError, URIError: URIError, EvalError: EvalError };

  // ---- The global object: ECMA-262 (and ECMA-402's Intl, as V8 contexts have it) only.
  var ECMA = ['globalThis', 'NaN', 'Infinity', 'undefined', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
    'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
    'AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView', 'Date',
    'Error', 'EvalError', 'FinalizationRegistry', 'Float16Array', 'Float32Array', 'Float64Array', 'Function',
    'Int8Array', 'Int16Array', 'Int32Array', 'Iterator', 'Map', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError',
    'ReferenceError', 'RegExp', 'Set', 'SharedArrayBuffer', 'String', 'Symbol', 'SyntaxError', 'TypeError',
    'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'URIError', 'WeakMap', 'WeakRef', 'WeakSet',
    'Atomics', 'JSON', 'Math', 'Reflect', 'Intl'];
  // The shell defines these lazily: Object.getOwnPropertyNames does not list them until used.
  var SHELL = ['print', 'printErr', 'debug', 'describe', 'describeArray', 'jscStack', 'gc', 'fullGC', 'edenGC', 'gcHeapSize',
    'addressOf', 'version', 'run', 'runString', 'load', 'loadString', 'readFile', 'read', 'writeFile', 'write', 'openFile',
    'checkSyntax', 'checkModuleSyntax', 'readline', 'preciseTime', 'neverInlineFunction', 'noInline', 'noDFG', 'noFTL',
    'noOSRExitFuzzing', 'numberOfDFGCompiles', 'jscOptions', 'optimizeNextInvocation', 'reoptimizationRetryCount',
    'transferArrayBuffer', 'failNextNewCodeBlock', 'quit', 'abort', 'waitForReport', 'drainMicrotasks', 'setTimeout',
    'releaseWeakRefs', 'finalizationRegistryLiveCount', 'finalizationRegistryDeadCount', 'is32BitPlatform',
    'platformSupportsSamplingProfiler', 'generateHeapSnapshot', 'generateHeapSnapshotForGCDebugging',
    'samplingProfilerStackTraces', 'maxArguments', 'asyncTestStart', 'asyncTestPassed', 'WebAssemblyMemoryMode',
    'WebAssembly', 'console', 'performance', '$', '$262', 'arguments', 'scriptArgs', 'callerSourceOrigin',
    'callerIsBBQOrOMGCompiled', 'setUnhandledRejectionCallback', 'createGlobalObject', 'isPureNaN', 'isRope',
    'totalCompileTime', 'heapCapacity', 'flashHeapAccess', 'disableRichSourceInfo', 'mallocInALoop', 'isFinalTier',
    'dumpTypesForAllVariables', 'sleepSeconds', 'ensureArrayStorage', 'clearTimeout', 'setInterval', 'clearInterval',
    'queueMicrotask', 'structuredClone', 'TextEncoder', 'TextDecoder', 'fetch', 'Worker', '$vm', 'ShadowRealm'];
  var keep = {};
  ECMA.forEach(function (name) { keep[name] = true; });
  Object.getOwnPropertyNames(global).concat(SHELL).forEach(function (name) {
    if (keep[name] === true) return;
    delete global[name];
    if (Object.prototype.hasOwnProperty.call(global, name)) throw new ErrorCtor('cannot remove the shell global ' + name);
  });

  // ---- Lines out: one-way messages wait in `pending` and leave with the next blocking read.
  var pending = [];
  var NON_ASCII = /[\u007f-\uffff]/g;
  function escape(ch) { return '\\u' + ('0000' + ch.charCodeAt(0).toString(16)).slice(-4); }
  function line(message) { return stringify(message).replace(NON_ASCII, escape); }
  function post(message) { pending.push(line(message)); }
  function flush() {
    if (pending.length === 0) return;
    print(pending.join('\n'));
    pending = [];
  }

  // A broken protocol ends the engine (exit 70, EX_SOFTWARE): the Node side reports it as such.
  var PROTOCOL_EXIT = 70;
  function fatal(reason) {
    printErr('bridge protocol: ' + reason);
    quit(PROTOCOL_EXIT);
  }

  // ---- Lines in. An empty line is the end of stdin (Node never sends one): the launch is over.
  var queue = [];
  function readMessage() {
    flush();
    var text = readline();
    if (text === '') quit(0);
    var message;
    try {
      message = parse(text);
    } catch (error) {
      fatal('a line that is not JSON');
    }
    if (message === null || typeof message !== 'object') fatal('a line that is not a message');
    return message;
  }

  // ---- Values. Data crosses by value; Node objects as proxies ('h'), JS functions as ids ('j').
  var proxies = new MapCtor();      // Node handle id -> proxy
  var proxyIds = new WeakMapCtor(); // proxy -> Node handle id
  var callbacks = new MapCtor();    // JS handle id -> function
  var callbackIds = new WeakMapCtor();
  var nextCallback = 1;

  function encode(value, depth) {
    switch (typeof value) {
      case 'undefined': return { $: 'u' };
      case 'boolean': case 'string': return value;
      case 'number':
        if (value !== value) return { $: 'n', v: 'NaN' };
        if (value === Infinity) return { $: 'n', v: 'Infinity' };
        if (value === -Infinity) return { $: 'n', v: '-Infinity' };
        if (value === 0 && 1 / value < 0) return { $: 'n', v: '-0' };
        return value;
      case 'symbol': case 'bigint': throw new TypeError('a ' + typeof value + ' cannot cross to the native side');
    }
    if (value === null) return null;
    if (proxyIds.has(value)) return { $: 'h', i: proxyIds.get(value) };
    if (typeof value === 'function') {
      var id = callbackIds.get(value);
      if (id === undefined) {
        id = nextCallback++;
        callbacks.set(id, value);
        callbackIds.set(value, id);
      }
      return { $: 'j', i: id };
    }
    if ((depth || 0) > 32) throw new TypeError('a value nested deeper than 32 levels cannot cross to the native side');
    var out, i;
    if (Array.isArray(value)) {
      out = [];
      for (i = 0; i < value.length; i++) out.push(encode(value[i], (depth || 0) + 1));
      return { $: 'a', v: out };
    }
    out = {};
    var keys = Object.keys(value);
    for (i = 0; i < keys.length; i++) out[keys[i]] = encode(value[keys[i]], (depth || 0) + 1);
    return { $: 'o', v: out };
  }

  function decode(wire) {
    if (wire === null || typeof wire !== 'object') return wire;
    var i, out;
    switch (wire.$) {
      case 'u': return undefined;
      case 'n': return wire.v === '-0' ? -0 : Number(wire.v);
      case 'a':
        out = [];
        for (i = 0; i < wire.v.length; i++) out.push(decode(wire.v[i]));
        return out;
      case 'o':
        out = {};
        for (var key in wire.v) out[key] = decode(wire.v[key]);
        return out;
      case 'h': return proxyFor(wire.i, wire.f === 1);
      case 'j': return callbacks.get(wire.i);
    }
    throw new TypeError('unknown value tag ' + wire.$);
  }

  function toError(wire) {
    var Type = ERROR_TYPES[wire.name] || ErrorCtor;
    var error = new Type(wire.message);
    if (wire.name !== error.name) error.name = wire.name;
    var props = wire.props || {};
    for (var key in props) error[key] = props[key];
    return error;
  }

  function errorWire(error) {
    if (error !== null && typeof error === 'object') {
      var props = {};
      for (var key in error) {
        var v = error[key];
        if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[key] = v;
      }
      return { name: String(error.name || 'Error'), message: String(error.message), props: props };
    }
    return { name: 'Error', message: String(error), props: {} };
  }

  // ---- Calls to the Node side: one line out, block until its answer; queue what comes between.
  var nextCall = 1;
  // kept(value): called when the Node side says the value cannot change (see `stable` there).
  function call(message, kept) {
    var id = nextCall++;
    message.c = id;
    post(message);
    for (;;) {
      var reply = readMessage();
      if (reply.r === id) {
        if (reply.e) throw toError(reply.e);
        var value = decode(reply.v);
        if (reply.k === 1 && kept) kept(value);
        return value;
      }
      if (reply.r !== undefined) fatal('answer ' + reply.r + ' while waiting for ' + id);
      queue.push(reply);
    }
  }

  // The state of a callback's `this` when it fired (see NodeValues.stateOf): while the callback
  // runs, reads of that object come from it until it writes that key or calls any native
  // function. Events never nest.
  var current = null; // { id, state }
  function fromState(id, key) {
    if (current === null || current.id !== id || !Object.prototype.hasOwnProperty.call(current.state, key)) return undefined;
    return current.state[key];
  }

  function proxyFor(id, isFunction) {
    var proxy = proxies.get(id);
    if (proxy) return proxy;
    var target = isFunction ? function () {} : {};
    var stable = new MapCtor(); // key -> a value that cannot change (a frozen namespace's member, a method)
    proxy = new ProxyCtor(target, {
      get: function (t, key) {
        if (typeof key !== 'string') return undefined;
        var held = fromState(id, key);
        if (held !== undefined) return decode(held);
        if (stable.has(key)) return stable.get(key);
        return call({ op: 'get', h: id, p: key }, function (value) { stable.set(key, value); });
      },
      set: function (t, key, value) {
        if (typeof key !== 'string') return false;
        if (current !== null && current.id === id) delete current.state[key];
        stable.delete(key);
        return call({ op: 'set', h: id, p: key, v: encode(value) });
      },
      has: function (t, key) { return typeof key === 'string' && call({ op: 'has', h: id, p: key }); },
      deleteProperty: function (t, key) {
        stable.delete(key);
        return typeof key === 'string' && call({ op: 'del', h: id, p: key });
      },
      ownKeys: function (t) {
        var keys = call({ op: 'keys', h: id });
        if (isFunction && keys.indexOf('prototype') < 0) keys.push('prototype');
        return keys;
      },
      getOwnPropertyDescriptor: function (t, key) {
        if (typeof key !== 'string') return undefined;
        if (isFunction && key === 'prototype') return { value: call({ op: 'get', h: id, p: key }), writable: true, enumerable: false, configurable: false };
        var d = call({ op: 'desc', h: id, p: key });
        return d ? { value: d.value, writable: true, enumerable: d.enumerable, configurable: true } : undefined;
      },
      defineProperty: function () { return false; },
      // A call may change any native state: from then on the callback reads it live.
      apply: function (t, self, args) { current = null; return call({ op: 'call', h: id, t: encode(self), a: encode(Array.prototype.slice.call(args)).v }); },
      construct: function (t, args) { current = null; return call({ op: 'new', h: id, a: encode(Array.prototype.slice.call(args)).v }); },
    });
    proxies.set(id, proxy);
    proxyIds.set(proxy, id);
    return proxy;
  }

  // ---- What the Node side asks of this side.
  function resolvePath(path) {
    var value = global;
    for (var i = 0; i < path.length; i++) {
      if (value === null || value === undefined) throw new TypeError(path.slice(0, i).join('.') + ' is ' + value);
      value = value[path[i]];
    }
    return value;
  }

  function perform(request) {
    if (request.op === 'load') return loadString(request.src + '\n//# sourceURL=' + request.name);
    if (request.op === 'typeof') {
      try {
        return typeof resolvePath(request.path);
      } catch (error) {
        return 'undefined';
      }
    }
    if (request.op === 'call-global') {
      var fn = resolvePath(request.path);
      if (typeof fn !== 'function') throw new TypeError(request.path.join('.') + ' is not a function');
      var self = resolvePath(request.path.slice(0, -1));
      return fn.apply(self, decode({ $: 'a', v: request.a }));
    }
    throw new TypeError('unknown request ' + request.op);
  }

  function dispatch(message) {
    if (message.q !== undefined) {
      var answer = { d: message.q };
      try {
        var result = perform(message);
        answer.v = message.op === 'load' ? { $: 'u' } : encode(result);
      } catch (error) {
        answer.e = errorWire(error);
      }
      post(answer);
      return;
    }
    if (message.ev === 'cb') {
      var fn = callbacks.get(message.f);
      if (typeof fn !== 'function') fatal('an event for an unknown callback');
      // An exception in a callback is the app's bug: reported, and the app runs on (as in Volt MX).
      var self = decode(message.t);
      current = message.s && message.t && message.t.$ === 'h' ? { id: message.t.i, state: message.s } : null;
      try {
        fn.apply(self, decode({ $: 'a', v: message.a }));
      } catch (error) {
        post({ u: errorWire(error) });
      } finally {
        current = null;
      }
      return;
    }
    fatal('an unexpected message');
  }

  Object.defineProperty(global, 'voltmx', { value: proxyFor(1, false), writable: false, enumerable: true, configurable: false });
  post({ hello: 1 });
  // The event loop: whatever was queued during calls first, in order, then the next line.
  for (;;) {
    dispatch(queue.length > 0 ? queue.shift() : readMessage());
    drainMicrotasks();
  }
})(this);
