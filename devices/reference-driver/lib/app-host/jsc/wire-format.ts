/**
 * The lines between the Node side (jsc-bridge.ts) and the JavaScriptCore side (prelude.js):
 * one JSON message per line, ASCII only (the jsc shell's readline() reads Latin-1 bytes, so
 * every other character crosses as a \u escape). Never log a line: passwords and key bytes cross here.
 */

/** A value on the wire: JSON data, or a tagged value that JSON cannot carry. */
export type WireValue =
  | null
  | boolean
  | number
  | string
  | { $: 'u' }
  | { $: 'n'; v: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { $: 'a'; v: WireValue[] }
  | { $: 'o'; v: Record<string, WireValue> }
  /** A Node-side object (f: 1 when callable), seen by JS as a proxy. */
  | { $: 'h'; i: number; f?: 1 }
  /** A JS-side function, seen by Node as a function that sends an event. */
  | { $: 'j'; i: number };

export interface WireError {
  name: string;
  message: string;
  /** The error's own primitive properties (code, errorCode, ...). */
  props: Record<string, string | number | boolean | null>;
}

/** JS -> Node: a synchronous operation on a Node-side object; answered by a NodeAnswer. */
export type JsCall =
  | { c: number; op: 'get' | 'has' | 'del' | 'desc'; h: number; p: string }
  | { c: number; op: 'set'; h: number; p: string; v: WireValue }
  | { c: number; op: 'keys'; h: number }
  | { c: number; op: 'call'; h: number; t: WireValue; a: WireValue[] }
  | { c: number; op: 'new'; h: number; a: WireValue[] };

/** JS -> Node, one way: the answer to a NodeRequest, an exception a callback threw, the start. */
export type JsNotice = { d: number; v?: WireValue; e?: WireError } | { u: WireError } | { hello: 1 };

/** Node -> JS: the answer to a JsCall; k: 1 when the value read cannot change (the engine keeps it). */
export type NodeAnswer = { r: number; v: WireValue; k?: 1 } | { r: number; e: WireError };

/** Node -> JS, run when the JS side is idle: a callback event, or a request answered by { d }. */
export type NodeEvent =
  /** s: the state of `this` (a handle) when the callback fired, what the callback reads of it. */
  | { ev: 'cb'; f: number; t: WireValue; a: WireValue[]; s?: Record<string, WireValue> }
  | { q: number; op: 'load'; src: string; name: string }
  | { q: number; op: 'call-global'; path: string[]; a: WireValue[] }
  | { q: number; op: 'typeof'; path: string[] };

/** The exit code prelude.js ends with when the lines break the protocol (EX_SOFTWARE). */
export const PROTOCOL_EXIT_CODE = 70;

const NON_ASCII = /[\u007f-\uffff]/g;

/** The message as one ASCII line (without the newline). */
export function asciiLine(message: unknown): string {
  return JSON.stringify(message).replace(NON_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
