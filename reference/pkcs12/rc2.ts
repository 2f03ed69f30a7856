/**
 * RC2 (RFC 2268) block cipher: OpenSSL 3's default provider has none, yet `openssl pkcs12
 * -legacy` and older tools encrypt certificates with pbeWithSHAAnd40BitRC2-CBC.
 */
// prettier-ignore
const PITABLE = Uint8Array.from(Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2' +
  '179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82' +
  '54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
  '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7' +
  '08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ec' +
  'c2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
  '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a9' +
  '0d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad', 'hex'));

const SHIFTS = [1, 2, 3, 5] as const;

export class Rc2 {
  private readonly k = new Uint16Array(64);

  /** `key` 1..128 bytes; `effectiveBits` 1..1024 (PKCS#12 uses 40 and 128). */
  constructor(key: Uint8Array, effectiveBits: number) {
    if (key.length < 1 || key.length > 128) throw new RangeError('RC2 key must be 1..128 bytes');
    if (effectiveBits < 1 || effectiveBits > 1024) throw new RangeError('RC2 effective bits must be 1..1024');
    const l = new Uint8Array(128);
    l.set(key);
    const t = key.length;
    const t8 = Math.ceil(effectiveBits / 8);
    const tm = 0xff >> (8 * t8 - effectiveBits);
    for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
    l[128 - t8] = PITABLE[l[128 - t8]! & tm]!;
    for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!;
    for (let i = 0; i < 64; i++) this.k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
  }

  encryptBlock(input: Uint8Array, output: Uint8Array): void {
    const r = readWords(input);
    const k = this.k;
    let j = 0;
    for (let round = 0; round < 16; round++) {
      for (let i = 0; i < 4; i++) {
        let x = (r[i]! + k[j++]! + (r[(i + 3) & 3]! & r[(i + 2) & 3]!) + (~r[(i + 3) & 3]! & r[(i + 1) & 3]!)) & 0xffff;
        x = ((x << SHIFTS[i]!) | (x >>> (16 - SHIFTS[i]!))) & 0xffff;
        r[i] = x;
      }
      if (round === 4 || round === 10) for (let i = 0; i < 4; i++) r[i] = (r[i]! + k[r[(i + 3) & 3]! & 63]!) & 0xffff;
    }
    writeWords(r, output);
  }

  decryptBlock(input: Uint8Array, output: Uint8Array): void {
    const r = readWords(input);
    const k = this.k;
    let j = 63;
    for (let round = 15; round >= 0; round--) {
      for (let i = 3; i >= 0; i--) {
        let x = r[i]!;
        x = ((x >>> SHIFTS[i]!) | (x << (16 - SHIFTS[i]!))) & 0xffff;
        r[i] = (x - k[j--]! - (r[(i + 3) & 3]! & r[(i + 2) & 3]!) - (~r[(i + 3) & 3]! & r[(i + 1) & 3]!)) & 0xffff;
      }
      if (round === 11 || round === 5) for (let i = 3; i >= 0; i--) r[i] = (r[i]! - k[r[(i + 3) & 3]! & 63]!) & 0xffff;
    }
    writeWords(r, output);
  }
}

/** RC2-CBC decryption without unpadding (the caller checks PKCS#7 padding). */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Buffer {
  if (iv.length !== 8 || data.length % 8 !== 0) throw new RangeError('RC2-CBC needs an 8-byte IV and whole blocks');
  const cipher = new Rc2(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  const block = new Uint8Array(8);
  let previous: Uint8Array = iv;
  for (let offset = 0; offset < data.length; offset += 8) {
    const current = data.subarray(offset, offset + 8);
    cipher.decryptBlock(current, block);
    for (let i = 0; i < 8; i++) out[offset + i] = block[i]! ^ previous[i]!;
    previous = current;
  }
  return out;
}

function readWords(input: Uint8Array): number[] {
  return [0, 1, 2, 3].map((i) => input[2 * i]! | (input[2 * i + 1]! << 8));
}

function writeWords(r: number[], output: Uint8Array): void {
  for (let i = 0; i < 4; i++) {
    output[2 * i] = r[i]! & 0xff;
    output[2 * i + 1] = r[i]! >>> 8;
  }
}
