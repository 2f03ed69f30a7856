/**
 * What a device keyboard can do to typed text, simulated for the reference driver's tests
 * (the `voltmx:keyboard` capability): iOS smart punctuation ("" -> curly quotes, -- -> dash)
 * and a dropped key. The app must detect the damage; the harness must get commands through.
 */
export interface KeyboardFaults {
  /** Straight quotes become curly ones, "--" an em dash, as iOS Smart Punctuation does. */
  smartPunctuation?: boolean;
  /** Every n-th text typed loses one character (its middle one). */
  dropOneIn?: number;
}

export function parseKeyboardFaults(value: unknown): KeyboardFaults {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError('voltmx:keyboard must be an object {smartPunctuation?, dropOneIn?}');
  const { smartPunctuation, dropOneIn } = value as Record<string, unknown>;
  if (smartPunctuation !== undefined && typeof smartPunctuation !== 'boolean') throw new TypeError('voltmx:keyboard.smartPunctuation must be a boolean');
  if (dropOneIn !== undefined && (!Number.isInteger(dropOneIn) || (dropOneIn as number) < 1)) throw new TypeError('voltmx:keyboard.dropOneIn must be a positive integer');
  return { ...(smartPunctuation ? { smartPunctuation } : {}), ...(dropOneIn ? { dropOneIn: dropOneIn as number } : {}) };
}

/** Smart punctuation as iOS applies it while typing: opening / closing quotes by position. */
export function smartPunctuate(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const opening = i === 0 || /[\s([{]/.test(text[i - 1]!);
    if (c === '-' && text[i + 1] === '-') {
      out += '\u2014';
      i++;
    } else if (c === '"') out += opening ? '\u201c' : '\u201d';
    else if (c === "'") out += opening ? '\u2018' : '\u2019';
    else out += c;
  }
  return out;
}

export class SimulatedKeyboard {
  #typed = 0;
  constructor(readonly faults: KeyboardFaults) {}

  type(text: string): string {
    this.#typed++;
    let out = this.faults.smartPunctuation ? smartPunctuate(text) : text;
    if (this.faults.dropOneIn && this.#typed % this.faults.dropOneIn === 0 && out.length > 1) {
      const middle = Math.floor(out.length / 2);
      out = out.slice(0, middle) + out.slice(middle + 1);
    }
    return out;
  }
}
