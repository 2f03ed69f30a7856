import { DevicesError } from '../../support/errors/index.js';

/**
 * The keyboard-safe form of a command, as the specs type it (the kit opens it, see
 * src/20-command.js): "VMXC1" + 8 hex digits of the JSON text's length + 8 hex digits of its
 * FNV-1a checksum + the text's bytes in base32 (RFC 4648 alphabet, no padding). Capital
 * letters and digits only: nothing smart punctuation, autocorrect or auto-capitalisation
 * rewrites, and a dropped or changed key is detected (the app answers APP_COMMAND_DAMAGED).
 */
export const ENVELOPE_PREFIX = 'VMXC1';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The app's appError code for a command that did not arrive intact: type it again. */
export const COMMAND_DAMAGED = 'APP_COMMAND_DAMAGED';

/** JSON with every non-ASCII character as a \u escape, so each character is one byte. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** FNV-1a, 32 bits, over the UTF-16 code units, as 8 lowercase hex digits. */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function base32(text: string): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    value = ((value << 8) | (text.charCodeAt(i) & 255)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export class CommandTextError extends DevicesError {
  readonly code = 'COMMAND_NOT_ASCII';
  constructor(message: string) {
    super(message);
  }
}

/** The typed text for a command (or a batch). */
export function encodeCommand(command: unknown): string {
  const json = asciiJson(command);
  if (/[^\x20-\x7e]/.test(json)) throw new CommandTextError('a command is printable ASCII JSON');
  return `${ENVELOPE_PREFIX}${json.length.toString(16).toUpperCase().padStart(8, '0')}${checksum(json).toUpperCase()}${base32(json)}`;
}
