/**
 * Just enough of the WebAssembly binary format to emit the hash kernels: one memory, exported
 * functions with i32/i64 locals, straight-line code and one loop. Built in memory at first use,
 * so the repository holds no opaque binary and needs no toolchain.
 */
export const I32 = 0x7f;
export const I64 = 0x7e;

/** Opcodes the kernels use (WebAssembly core spec, section 5.4). */
export const Op = {
  loop: 0x03, end: 0x0b, brIf: 0x0d,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, i64Load: 0x29, i32Store: 0x36, i64Store: 0x37,
  i32Const: 0x41, i64Const: 0x42,
  i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32ShrU: 0x76, i32Rotl: 0x77, i32Rotr: 0x78,
  i64Add: 0x7c, i64And: 0x83, i64Or: 0x84, i64Xor: 0x85, i64ShrU: 0x88, i64Rotr: 0x8a,
} as const;

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && !(byte & 0x40)) || (value === -1n && (byte & 0x40));
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A function body under construction: locals by type, then instructions. */
export class FunctionBody {
  readonly code: number[] = [];
  private readonly localTypes: number[] = [];

  constructor(private readonly parameterCount: number) {}

  /** A new local of `type`; its index. */
  local(type: number): number {
    this.localTypes.push(type);
    return this.parameterCount + this.localTypes.length - 1;
  }

  emit(...bytes: number[]): this {
    for (const byte of bytes) this.code.push(byte);
    return this;
  }
  get(index: number): this { return this.emit(Op.localGet, ...unsignedLeb(index)); }
  set(index: number): this { return this.emit(Op.localSet, ...unsignedLeb(index)); }
  i32(value: number): this { return this.emit(Op.i32Const, ...signedLeb(BigInt(value | 0))); }
  i64(value: bigint): this { return this.emit(Op.i64Const, ...signedLeb(BigInt.asIntN(64, value))); }
  /** Memory access at a constant address (base 0 pushed first), natural alignment. */
  load32(address: number): this { return this.i32(0).emit(Op.i32Load, 2, ...unsignedLeb(address)); }
  load64(address: number): this { return this.i32(0).emit(Op.i64Load, 3, ...unsignedLeb(address)); }
  /** Stores local `index` at a constant address. */
  store32(address: number, index: number): this { return this.i32(0).get(index).emit(Op.i32Store, 2, ...unsignedLeb(address)); }
  store64(address: number, index: number): this { return this.i32(0).get(index).emit(Op.i64Store, 3, ...unsignedLeb(address)); }

  encode(): number[] {
    const groups: number[] = [];
    let count = 0;
    for (let i = 0; i < this.localTypes.length; i++) {
      count++;
      if (this.localTypes[i + 1] !== this.localTypes[i]) {
        groups.push(...unsignedLeb(count), this.localTypes[i]!);
        count = 0;
      }
    }
    const runs = this.localTypes.filter((t, i) => t !== this.localTypes[i + 1]).length;
    const body = [...unsignedLeb(runs), ...groups, ...this.code, Op.end];
    return [...unsignedLeb(body.length), ...body];
  }
}

export interface ExportedFunction {
  readonly name: string;
  readonly parameters: readonly number[];
  readonly body: FunctionBody;
}

function section(id: number, payload: number[]): number[] {
  return [id, ...unsignedLeb(payload.length), ...payload];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...unsignedLeb(bytes.length), ...bytes];
}

/** A module with one page of memory (exported as "memory") and the given functions, no results. */
export function moduleBytes(functions: readonly ExportedFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...unsignedLeb(f.parameters.length), ...f.parameters, 0]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => unsignedLeb(i)))),
    ...section(5, vector([[0x00, 1]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], ...functions.map((f, i) => [...name(f.name), 0x00, ...unsignedLeb(i)])])),
    ...section(10, vector(functions.map((f) => f.body.encode()))),
  ];
  return Uint8Array.from(bytes);
}
