/**
 * The Node side of the JavaScriptCore bridge: one `jsc` shell process per app launch running
 * prelude.js, whose global `voltmx` is a proxy of `root` (a Node object). The engine's calls
 * (property reads and writes, calls, `new`) arrive as lines and are answered at once, in line;
 * Node-side callbacks go to the engine as events. The process is registered with the one
 * cleanup path from its spawn on and stopped by PID; an exit nobody asked for, or a line that
 * breaks the protocol, becomes the bridge's failure (an AppHostError with its code).
 * Nothing that crosses is logged: passwords and key bytes travel these lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerCleanup, stopChild, type CleanupHandle } from '../../../../../support/index.js';
import { AppHostError } from '../app-host.js';
import { BridgeValueError, errorToWire, NodeValues } from './node-values.js';
import { asciiLine, PROTOCOL_EXIT_CODE, type JsCall, type NodeEvent, type WireError, type WireValue } from './wire-format.js';

export const PRELUDE_PATH = fileURLToPath(new URL('./prelude.js', import.meta.url));

/** How much of the engine's stderr a failure quotes (its last bytes: the uncaught exception). */
const STDERR_TAIL = 2_000;

export interface JscBridgeOptions {
  /** The jsc shell (support/tools findJsc). */
  readonly jscPath: string;
  /** What the engine's global `voltmx` stands for. */
  readonly root: object;
}

/** An exception the app's code threw in a callback: reported, and the app runs on. */
export interface UncaughtInEngine {
  readonly name: string;
  readonly message: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class JscBridge {
  readonly #child: ChildProcess;
  readonly #values: NodeValues;
  readonly #cleanup: CleanupHandle;
  readonly #pending = new Map<number, Pending>();
  readonly #uncaught: UncaughtInEngine[] = [];
  #nextRequest = 1;
  #out: string[] = [];
  #flushQueued = false;
  #partial = '';
  #stderr = '';
  #stopping = false;
  #failure: AppHostError | null = null;
  #calls = 0;

  private constructor(options: JscBridgeOptions) {
    this.#values = new NodeValues((id, self, args, state) => this.#send({ ev: 'cb', f: id, t: self, a: args, ...(state ? { s: state } : {}) }));
    if (this.#values.handle(options.root) !== 1) throw new Error('the root must be handle 1');
    // No environment: the engine needs none, and the app must not read the driver's.
    this.#child = spawn(options.jscPath, [PRELUDE_PATH], { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
    const child = this.#child;
    this.#cleanup = registerCleanup(`JavaScriptCore engine (jsc, pid ${child.pid ?? '?'})`, () => stopChild(child, { graceMs: 1_000 }), {
      sync: () => {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    });
    child.stdout!.setEncoding('latin1');
    child.stdout!.on('data', (chunk: string) => this.#read(chunk));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_TAIL);
    });
    // A write to an engine that just died: the exit handler reports it.
    child.stdin!.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT' || error.code === 'EACCES';
      this.#fail(new AppHostError(missing ? 'APP_HOST_ENGINE_MISSING' : 'APP_HOST_ENGINE_CRASHED', `cannot start JavaScriptCore (${options.jscPath}): ${error.message}`));
      void this.#cleanup.run();
    });
    child.on('exit', (code, signal) => {
      void this.#cleanup.run();
      if (this.#stopping) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const stderr = this.#stderr.trim() ? `: ${this.#stderr.trim()}` : '';
      this.#fail(code === PROTOCOL_EXIT_CODE
        ? new AppHostError('APP_HOST_BRIDGE_FAILED', `the JavaScriptCore side broke the bridge protocol${stderr}`)
        : new AppHostError('APP_HOST_ENGINE_CRASHED', `JavaScriptCore (jsc, pid ${child.pid}) ${how} while the app was running${stderr}`));
    });
  }

  /** Spawns the engine; `voltmx` there is `root`. */
  static start(options: JscBridgeOptions): JscBridge {
    return new JscBridge(options);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Why the bridge stopped working (the engine crashed, the protocol broke), or null. */
  get failure(): AppHostError | null {
    return this.#failure;
  }

  /** Calls the engine made to the Node side so far (for the bench and tests). */
  get calls(): number {
    return this.#calls;
  }

  /** Exceptions the app's callbacks threw, oldest first. */
  get uncaught(): readonly UncaughtInEngine[] {
    return this.#uncaught;
  }

  /** Evaluates a script in the engine's global scope, as a separate <script> (not eval). */
  async load(source: string, name: string): Promise<void> {
    await this.#request({ op: 'load', src: source, name });
  }

  /**
   * Calls the global function at `path` (e.g. ['VoltmxConformance', 'wire']) with Node values;
   * `literals` are plain objects that arrive as objects of the engine's own (see encodeLiteral).
   */
  async callGlobal(path: string[], args: unknown[], literals: readonly number[] = []): Promise<unknown> {
    const a = args.map((arg, i) => (literals.includes(i) ? this.#values.encodeLiteral(arg as Record<string, unknown>) : this.#values.encode(arg)));
    return this.#request({ op: 'call-global', path, a });
  }

  /** `typeof` the global at `path` in the engine, without calling anything. */
  async typeOf(path: string[]): Promise<string> {
    return String(await this.#request({ op: 'typeof', path }));
  }

  /** Stops the engine (by PID, through the cleanup path); what is in flight goes nowhere. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#child.stdin!.end();
    await this.#cleanup.run();
    this.#values.clear();
    for (const pending of this.#pending.values()) pending.reject(new AppHostError('APP_HOST_BRIDGE_FAILED', 'the engine was stopped'));
    this.#pending.clear();
  }

  #request(event: DistributiveOmit<Extract<NodeEvent, { q: number }>, 'q'>): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#stopping) return Promise.reject(new AppHostError('APP_HOST_BRIDGE_FAILED', 'the engine was stopped'));
    const q = this.#nextRequest++;
    return new Promise((resolve, reject) => {
      this.#pending.set(q, { resolve, reject });
      this.#send({ ...event, q });
    });
  }

  #send(message: object): void {
    if (this.#stopping || this.#failure) return;
    this.#out.push(asciiLine(message));
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    // Everything sent in one turn leaves in one write.
    queueMicrotask(() => {
      this.#flushQueued = false;
      if (this.#out.length === 0 || this.#stopping || this.#failure) return;
      this.#child.stdin!.write(`${this.#out.join('\n')}\n`);
      this.#out = [];
    });
  }

  #read(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop()!;
    for (const line of lines) {
      if (this.#stopping || this.#failure) return;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.#protocolError('a line from the engine is not JSON');
        return;
      }
      try {
        this.#handle(message);
      } catch (error) {
        this.#protocolError(error instanceof BridgeValueError ? error.message : `a message the Node side cannot serve (${(error as Error).name})`);
      }
    }
  }

  #handle(message: Record<string, unknown>): void {
    if (typeof message.c === 'number') {
      this.#calls++;
      this.#send(this.#answer(message as unknown as JsCall));
    } else if (typeof message.d === 'number') {
      const pending = this.#pending.get(message.d);
      if (!pending) throw new BridgeValueError(`an answer to request ${message.d}, which is not pending`);
      this.#pending.delete(message.d);
      if (message.e) pending.reject(engineError(message.e as WireError));
      else pending.resolve(this.#values.decode(message.v as WireValue));
    } else if (message.u) {
      const { name, message: text } = message.u as WireError;
      this.#uncaught.push({ name, message: text });
    } else if (message.hello !== 1) {
      throw new BridgeValueError('an unknown message from the engine');
    }
  }

  /** Runs one engine call against the Node objects; an exception crosses back to be rethrown. */
  #answer(call: JsCall): object {
    const values = this.#values;
    const target = values.object(call.h);
    if (target === undefined) throw new BridgeValueError(`handle ${call.h} was never handed out`);
    // Decode outside the try: a bad value is a protocol error, not the app's exception.
    const value = call.op === 'set' ? values.decode(call.v) : undefined;
    const self = call.op === 'call' ? values.decode(call.t) : undefined;
    const args = call.op === 'call' || call.op === 'new' ? call.a.map((arg) => values.decode(arg)) : [];
    try {
      switch (call.op) {
        case 'get': {
          const answer = { r: call.c, v: values.encode(Reflect.get(target, call.p)) };
          return stable(target, call.p) ? { ...answer, k: 1 } : answer;
        }
        case 'set':
          return { r: call.c, v: Reflect.set(target, call.p, value) };
        case 'has':
          return { r: call.c, v: Reflect.has(target, call.p) };
        case 'del':
          return { r: call.c, v: Reflect.deleteProperty(target, call.p) };
        case 'keys':
          return { r: call.c, v: { $: 'a', v: Reflect.ownKeys(target).filter((key): key is string => typeof key === 'string') } };
        case 'desc': {
          const descriptor = Reflect.getOwnPropertyDescriptor(target, call.p);
          if (!descriptor) return { r: call.c, v: { $: 'u' } };
          const described = 'value' in descriptor ? descriptor.value : Reflect.get(target, call.p);
          return { r: call.c, v: { $: 'o', v: { enumerable: descriptor.enumerable === true, value: values.encode(described) } } };
        }
        case 'call':
          return { r: call.c, v: values.encode(Reflect.apply(target as (...a: unknown[]) => unknown, self, args)) };
        case 'new':
          return { r: call.c, v: values.encode(Reflect.construct(target as new (...a: unknown[]) => object, args)) };
      }
    } catch (error) {
      return { r: call.c, e: errorToWire(error) };
    }
    throw new BridgeValueError(`unknown operation ${String((call as { op?: unknown }).op)}`);
  }

  #protocolError(reason: string): void {
    this.#fail(new AppHostError('APP_HOST_BRIDGE_FAILED', `the JavaScriptCore bridge broke: ${reason}`));
    void this.#cleanup.run();
  }

  #fail(error: AppHostError): void {
    if (this.#failure || this.#stopping) return;
    this.#failure = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/**
 * Whether a property read will always give the same value, so the engine may keep it and save
 * a round trip: a data property of a frozen object (the voltmx namespace and its members), or
 * a method a class defines (a function inherited from the prototype). Writing the key from
 * the engine forgets it there.
 */
function stable(target: object, key: string): boolean {
  for (let holder: object | null = target; holder; holder = Object.getPrototypeOf(holder)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
    if (!descriptor) continue;
    if (!('value' in descriptor)) return false;
    if (Object.isFrozen(holder)) return true;
    return holder !== target && typeof descriptor.value === 'function';
  }
  return false;
}

/** An exception thrown in the engine, on the Node side: same name, message and code. */
export class EngineError extends Error {
  readonly code: string | undefined;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    const code = wire.props.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

function engineError(wire: WireError): EngineError {
  return new EngineError(wire);
}
