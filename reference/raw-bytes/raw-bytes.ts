/**
 * The reference's RawBytes: an opaque object, as Volt MX's RawBytes ("Userdata") is to app
 * code. Its bytes live in a module-private WeakMap, so app code sees only `text` and
 * `clear()`; the runtime's own modules read them with `bytesOfRawBytes`. Only
 * convertToRawBytes, voltmx.io File#read and "rawdata" responses make one (docs/decisions.md D13).
 */
import type { RawBytes } from '../runtime/contract.js';
import { ReferenceLayerError } from '../runtime/reference-error.js';

const contents = new WeakMap<object, Uint8Array>();
/** Guards the constructor: `new raw.constructor(...)` from app code makes nothing. */
const MAKER = Symbol('reference RawBytes maker');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class RawBytesConstructionError extends ReferenceLayerError {
  readonly code = 'RAWBYTES_NOT_CONSTRUCTIBLE';
  constructor(message = 'RawBytes are made by voltmx.convertToRawBytes, voltmx.io File#read and rawdata responses only') {
    super(message);
  }
}

class ReferenceRawBytes implements RawBytes {
  constructor(maker: symbol, bytes: Uint8Array) {
    if (maker !== MAKER) throw new RawBytesConstructionError();
    contents.set(this, bytes);
  }

  /** The UTF-8 view of the content; null when the bytes are not UTF-8 text (a .p12 is not). */
  get text(): string | null {
    const bytes = contents.get(this) ?? new Uint8Array(0);
    try {
      return utf8.decode(bytes);
    } catch {
      return null;
    }
  }

  /** Wipes the content: the bytes are zeroed, and the object holds nothing from now on. */
  clear(): void {
    contents.get(this)?.fill(0);
    contents.set(this, new Uint8Array(0));
  }

  toString(): string {
    return '[object RawBytes]';
  }
}
Object.freeze(ReferenceRawBytes.prototype);

/** A new RawBytes holding a copy of `bytes` (the caller keeps its own buffer). */
export function rawBytesOf(bytes: Uint8Array): RawBytes {
  return Object.freeze(new ReferenceRawBytes(MAKER, Uint8Array.from(bytes)));
}

/** Whether `value` is a RawBytes made by this reference (from any launch). */
export function isReferenceRawBytes(value: unknown): value is RawBytes {
  return typeof value === 'object' && value !== null && contents.has(value);
}

/** The content of a reference RawBytes, copied; null for anything else. */
export function bytesOfRawBytes(value: unknown): Uint8Array | null {
  if (typeof value !== 'object' || value === null) return null;
  const bytes = contents.get(value);
  return bytes ? Uint8Array.from(bytes) : null;
}

/**
 * The bytes of a value the reference takes where RawBytes are expected: its own RawBytes, and
 * (a reference decision, D1) a Uint8Array or ArrayBuffer, which no Volt MX API hands an app.
 * Copied; null for anything else.
 */
export function bytesOfByteInput(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  return bytesOfRawBytes(value);
}

export function isByteInput(value: unknown): boolean {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || isReferenceRawBytes(value);
}
