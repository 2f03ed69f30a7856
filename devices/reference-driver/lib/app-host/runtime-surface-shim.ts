/**
 * TEMPORARY: the contract v2 members of the `voltmx` namespace (opaque RawBytes,
 * convertToRawBytes / convertToBase64, timer, os, io.File) built over a runtime that does not
 * offer them yet. The reference runtime gains them itself (docs/app-contract-v2, branch
 * `rawbytes`); this file goes away when that lands. RawBytes here are the runtime's
 * Uint8Array with the opaque interface ({text, clear()}) on top, so loadClientCertificate takes them.
 */
import type { HttpRequestLike, VoltmxFile, VoltmxRuntime } from '../../../../reference/runtime/contract.js';

export interface OpaqueRawBytes {
  readonly text: string | null;
  clear(): void;
}

export interface RuntimeSurfaceV2 {
  convertToRawBytes(base64: string): OpaqueRawBytes;
  convertToBase64(raw: OpaqueRawBytes): string;
  timer: { schedule(id: string, callback: () => void, seconds: number, repeat: boolean): void; cancel(id: string): void };
  os: { deviceInfo(): { name: string; version: string } };
  File: new (path: string) => unknown;
  HttpRequest: unknown;
  /** Cancels the launch's timers. */
  shutdown(): void;
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function opaque(bytes: Uint8Array): Uint8Array & OpaqueRawBytes {
  // Read twice (the JavaScriptCore host reads a request's state when a callback fires), the same bytes stay as they are.
  if (isOpaque(bytes)) return bytes;
  const raw = bytes as Uint8Array & OpaqueRawBytes;
  Object.defineProperty(raw, 'text', { get: () => utf8OrNull(raw), enumerable: false });
  Object.defineProperty(raw, 'clear', { value: () => raw.fill(0), enumerable: false });
  return raw;
}

function isOpaque(value: unknown): value is Uint8Array & OpaqueRawBytes {
  return value instanceof Uint8Array && typeof (value as { clear?: unknown }).clear === 'function';
}

export function runtimeSurfaceShim(runtime: VoltmxRuntime): RuntimeSurfaceV2 {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const fs = runtime.io.FileSystem;
  class File {
    constructor(path: string) {
      const file: VoltmxFile = fs.getFile(path);
      return {
        fullPath: file.fullPath,
        name: file.name,
        exists: () => file.exists(),
        read: () => {
          const content = file.read();
          return content ? opaque(new Uint8Array(content.rawBytes instanceof ArrayBuffer ? content.rawBytes : content.rawBytes)) : null;
        },
        write: (data: unknown, append?: boolean) => file.write(data as string, append),
        remove: () => file.remove(),
      } as unknown as File;
    }
  }
  const Base = runtime.net.HttpRequest as unknown as new (...args: unknown[]) => HttpRequestLike;
  class HttpRequest extends Base {
    override get response(): unknown {
      const response = super.response;
      return response instanceof Uint8Array ? opaque(response) : response instanceof ArrayBuffer ? opaque(new Uint8Array(response)) : response;
    }
  }
  return {
    convertToRawBytes(base64: string) {
      if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64) || base64.replace(/\s/g, '').length % 4 !== 0) {
        throw Object.assign(new TypeError('convertToRawBytes takes a base64 string'), { errorCode: 100 });
      }
      return opaque(new Uint8Array(Buffer.from(base64, 'base64')));
    },
    convertToBase64(raw: OpaqueRawBytes) {
      if (!isOpaque(raw)) throw Object.assign(new TypeError('convertToBase64 takes RawBytes'), { errorCode: 100 });
      return Buffer.from(raw).toString('base64');
    },
    timer: {
      schedule(id, callback, seconds, repeat) {
        const run = () => {
          if (!repeat) timers.delete(id);
          else timers.set(id, setTimeout(run, seconds * 1000));
          callback();
        };
        timers.set(id, setTimeout(run, seconds * 1000));
      },
      cancel(id) {
        clearTimeout(timers.get(id));
        timers.delete(id);
      },
    },
    os: { deviceInfo: () => (runtime.platform === 'android' ? { name: 'android', version: '14' } : { name: 'iPhone', version: '17.4' }) },
    File,
    HttpRequest,
    shutdown() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
