/**
 * How much one PKCS#12 file may make the decoder do. Each bound sits well above what real
 * producers write and far below what would let a small hostile file cost seconds or gigabytes
 * (numbers and sources: docs/decisions.md, "Bounded PKCS#12 decoding"). A file over a bound is
 * refused with a typed error before the work it asks for is done.
 */
import { Pkcs12IterationLimitError, Pkcs12LimitExceededError, type Pkcs12LimitName } from './errors.js';

export interface Pkcs12Limits {
  /** Iteration count of one KDF run (MAC, PBES2 or PKCS#12 PBE). */
  readonly iterations: number;
  /** Work of every KDF run of the file together, in SHA-1-round units (see kdfWork). */
  readonly work: number;
  /** ContentInfos of the AuthenticatedSafe plus nested safeContentsBags. */
  readonly safeContents: number;
  /** SafeBags of every type. */
  readonly bags: number;
  readonly keys: number;
  readonly certificates: number;
  /** Signature checks while building chains (a crafted pool of look-alike issuers). */
  readonly signatureChecks: number;
  /** Elements of one BER encoding that has to be rewritten (NSS files). */
  readonly berElements: number;
}

export const DEFAULT_PKCS12_LIMITS: Pkcs12Limits = Object.freeze({
  iterations: 2_000_000,
  work: 12_000_000,
  safeContents: 64,
  bags: 512,
  keys: 32,
  certificates: 128,
  signatureChecks: 512,
  berElements: 100_000,
});

/** Cost of one round of each digest relative to SHA-1 (measured: WebAssembly kernels, OpenSSL PBKDF2). */
const ROUND_COST: Record<string, number> = { sha1: 1, sha224: 2, sha256: 2, sha384: 3, sha512: 3 };
const OUTPUT_BYTES: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** Work of one KDF run: iterations x output blocks x round cost. */
export function kdfWork(digest: string, iterations: number, outputLength: number): number {
  const blocks = Math.max(1, Math.ceil(outputLength / (OUTPUT_BYTES[digest] ?? 20)));
  return iterations * blocks * (ROUND_COST[digest] ?? 3);
}

/** The counters of one decode. */
export class DecodeBudget {
  private readonly used = new Map<Pkcs12LimitName, number>();

  constructor(readonly limits: Pkcs12Limits = DEFAULT_PKCS12_LIMITS) {}

  /** Counts `amount` more of `name`; throws once the file asks for more than its bound. */
  spend(name: Pkcs12LimitName, amount = 1): void {
    const total = (this.used.get(name) ?? 0) + amount;
    if (total > this.limits[name]) throw new Pkcs12LimitExceededError(name, this.limits[name]);
    this.used.set(name, total);
  }

  /** The bound on one KDF run's iteration count. */
  checkIterations(iterations: number): void {
    if (iterations > this.limits.iterations) throw new Pkcs12IterationLimitError(iterations, this.limits.iterations);
  }

  /** Checks one KDF run's iteration count and charges its work, before it runs. */
  chargeKdf(digest: string, iterations: number, outputLength: number): void {
    this.checkIterations(iterations);
    this.spend('work', kdfWork(digest, iterations, outputLength));
  }

  usage(name: Pkcs12LimitName): number {
    return this.used.get(name) ?? 0;
  }
}
