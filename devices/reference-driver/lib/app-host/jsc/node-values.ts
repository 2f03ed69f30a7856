/**
 * The Node side's half of the value mapping (prelude.js has the other): data (primitives,
 * arrays, plain objects without functions) crosses by value, as a native bridge converts
 * dictionaries; anything with behaviour (a function, a class instance such as an HttpRequest
 * or RawBytes, a namespace object) stays here and crosses as a numbered handle, so its bytes
 * and private state never reach the engine. A JS function arrives as a Node function that
 * sends a callback event. Handles live as long as the launch.
 */
import type { WireError, WireValue } from './wire-format.js';
import { DevicesError } from '../../../../../support/errors/index.js';

type AnyFunction = (...args: unknown[]) => unknown;

/** How deep a plain object may nest and still cross by value. */
const MAX_DEPTH = 32;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether the value is pure data: it can be copied to the other side without losing anything. */
function isData(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isData(item, depth + 1));
  if (!isPlainObject(value) || Object.isFrozen(value)) return false;
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor) || !isData(descriptor.value, depth + 1)) return false;
  }
  return true;
}

export class NodeValues {
  readonly #objects = new Map<number, object>();
  readonly #ids = new WeakMap<object, number>();
  #next = 1;
  /** Node functions standing for JS callbacks, by JS id, and back. */
  readonly #callbacks = new Map<number, AnyFunction>();
  readonly #callbackIds = new WeakMap<object, number>();

  /** fire(id, self, args, state): deliver a call of JS callback `id` (as an event). */
  constructor(private readonly fire: (id: number, self: WireValue, args: WireValue[], state: Record<string, WireValue> | undefined) => void) {}

  /** Registers the object and returns its handle id (the same id for the same object). */
  handle(value: object): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#next++;
      this.#objects.set(id, value);
      this.#ids.set(value, id);
    }
    return id;
  }

  /** The object behind a handle id; undefined for an id never handed out. */
  object(id: number): object | undefined {
    return this.#objects.get(id);
  }

  encode(value: unknown, depth = 0): WireValue {
    switch (typeof value) {
      case 'undefined':
        return { $: 'u' };
      case 'boolean':
      case 'string':
        return value;
      case 'number':
        if (Number.isNaN(value)) return { $: 'n', v: 'NaN' };
        if (value === Infinity) return { $: 'n', v: 'Infinity' };
        if (value === -Infinity) return { $: 'n', v: '-Infinity' };
        if (Object.is(value, -0)) return { $: 'n', v: '-0' };
        return value;
      case 'symbol':
      case 'bigint':
        throw new TypeError(`a ${typeof value} cannot cross to the JavaScript engine`);
    }
    if (value === null) return null;
    const callbackId = this.#callbackIds.get(value as object);
    if (callbackId !== undefined) return { $: 'j', i: callbackId };
    if (typeof value === 'function') return { $: 'h', i: this.handle(value), f: 1 };
    if (Array.isArray(value) && depth <= MAX_DEPTH) return { $: 'a', v: value.map((item) => this.encode(item, depth + 1)) };
    if (isData(value)) {
      const out: Record<string, WireValue> = {};
      for (const [key, item] of Object.entries(value as object)) out[key] = this.encode(item, depth + 1);
      return { $: 'o', v: out };
    }
    return { $: 'h', i: this.handle(value as object) };
  }

  /**
   * A plain object as a new object on the engine side whose members are encoded one by one
   * (widgets become handles): what the app's own code builds, e.g. the `{ command, run, result }`
   * its form hands the kit.
   */
  encodeLiteral(value: Record<string, unknown>): WireValue {
    const out: Record<string, WireValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.encode(item);
    return { $: 'o', v: out };
  }

  decode(wire: WireValue): unknown {
    if (wire === null || typeof wire !== 'object') return wire;
    switch (wire.$) {
      case 'u':
        return undefined;
      case 'n':
        return wire.v === '-0' ? -0 : Number(wire.v);
      case 'a':
        return wire.v.map((item) => this.decode(item));
      case 'o': {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(wire.v)) out[key] = this.decode(item);
        return out;
      }
      case 'h': {
        const found = this.#objects.get(wire.i);
        if (!found) throw new BridgeValueError(`handle ${wire.i} was never handed out`);
        return found;
      }
      case 'j':
        return this.#callback(wire.i);
    }
    throw new BridgeValueError(`unknown value tag ${String((wire as { $?: unknown }).$)}`);
  }

  #callback(id: number): AnyFunction {
    let fn = this.#callbacks.get(id);
    if (!fn) {
      const fire = this.fire;
      const values = this;
      // A native callback returns nothing to native code: the JS function runs later, as an event.
      fn = function (this: unknown, ...args: unknown[]) {
        const self = values.encode(this);
        const state = typeof self === 'object' && self !== null && self.$ === 'h' ? values.stateOf(this as object) : undefined;
        fire(id, self, args.map((arg) => values.encode(arg)), state);
      };
      this.#callbacks.set(id, fn);
      this.#callbackIds.set(fn, id);
    }
    return fn;
  }

  /**
   * The object's properties as they are now (own data properties, and the accessors along its
   * class chain), for a callback's `this`: a native runtime changes an object's state and calls
   * back in one step on the JavaScript thread, so the callback sees the state it was called
   * for (an HttpRequest's readyState 2, not the 4 it has reached since). A property that throws is left out.
   */
  stateOf(value: object): Record<string, WireValue> {
    const state: Record<string, WireValue> = {};
    for (let level: object | null = value; level && level !== Object.prototype && level !== Function.prototype; level = Object.getPrototypeOf(level)) {
      for (const key of Object.getOwnPropertyNames(level)) {
        if (key in state || key === 'constructor') continue;
        const descriptor = Object.getOwnPropertyDescriptor(level, key)!;
        if (level !== value && !descriptor.get) continue;
        if ('value' in descriptor && typeof descriptor.value === 'function') continue;
        try {
          state[key] = this.encode(Reflect.get(value, key));
        } catch {
          // Not readable now: the callback reads it live.
        }
      }
    }
    return state;
  }

  /** Forgets every handle and callback (the launch is over). */
  clear(): void {
    this.#objects.clear();
    this.#callbacks.clear();
  }
}

/** A value on the wire that does not decode: the JS side broke the protocol. */
export class BridgeValueError extends DevicesError {
  readonly code = 'BRIDGE_BAD_VALUE';
  constructor(message: string) {
    super(message);
  }
}

/** An exception thrown on the Node side, as the JS side rethrows it (message, name, code, errorCode...). */
export function errorToWire(error: unknown): WireError {
  if (error === null || typeof error !== 'object') return { name: 'Error', message: String(error), props: {} };
  const props: WireError['props'] = {};
  for (const key of Object.keys(error)) {
    const value = (error as Record<string, unknown>)[key];
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) props[key] = value as string | number | boolean | null;
  }
  // Class fields such as `readonly code = ...` are own properties; a getter on the prototype is not.
  for (const key of ['code', 'errorCode']) {
    const value = (error as Record<string, unknown>)[key];
    if (!(key in props) && (typeof value === 'string' || typeof value === 'number')) props[key] = value;
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : String(error), props };
}
