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
  /**
   * KDF work of the keys after the first (which Node's native loader never decrypts) may
   * exceed the work of the rest of the file by this much at most: the whole decode then costs
   * at most twice the native load plus this (1,000,000 units: about 0.1 s).
   */
  readonly extraKeyWork: number;
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
  extraKeyWork: 1_000_000,
  safeContents: 64,
  bags: 512,
  keys: 32,
  certificates: 128,
  signatureChecks: 512,
  berElements: 20_000,
});

/** The two password-based KDFs of PKCS#12 files. */
export type KdfScheme = 'pkcs12' | 'pbkdf2';

/**
 * Cost of one iteration per output block, in units of one SHA-1 round of the PKCS#12 KDF as
 * OpenSSL computes it (about 80 ns here), rounded up from measurements of OpenSSL's KDF and of
 * node:crypto's PBKDF2 (two HMAC compressions per iteration plus OpenSSL's per-call cost). The
 * units price what a file asks of any decoder, so a bound refuses the same files whatever this
 * decoder's own speed: its PKCS#12 KDF rounds (one node:crypto call each) cost it about four
 * units, which bench section 3 reports against native loads.
 */
const ROUND_COST: Record<KdfScheme, Record<string, number>> = {
  pkcs12: { sha1: 1, sha224: 3, sha256: 3, sha384: 4, sha512: 4 },
  pbkdf2: { sha1: 5, sha224: 4, sha256: 4, sha384: 10, sha512: 10 },
};
const OUTPUT_BYTES: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** Work of one KDF run: iterations x output blocks x round cost. */
export function kdfWork(scheme: KdfScheme, digest: string, iterations: number, outputLength: number): number {
  const blocks = Math.max(1, Math.ceil(outputLength / (OUTPUT_BYTES[digest] ?? 20)));
  return iterations * blocks * (ROUND_COST[scheme][digest] ?? 10);
}

/** Whose KDF run it is: the part of the file a native load does too, or a key after the first. */
export type WorkShare = 'file' | 'extraKey';

/** The counters of one decode. */
export class DecodeBudget {
  private readonly used = new Map<Pkcs12LimitName, number>();
  private fileWork = 0;
  private extraKeyWork = 0;

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
  chargeKdf(scheme: KdfScheme, digest: string, iterations: number, outputLength: number, share: WorkShare = 'file'): void {
    this.checkIterations(iterations);
    const work = kdfWork(scheme, digest, iterations, outputLength);
    if (share === 'extraKey') {
      const bound = this.fileWork + this.limits.extraKeyWork;
      if (this.extraKeyWork + work > bound) throw new Pkcs12LimitExceededError('work', bound);
      this.extraKeyWork += work;
    } else {
      this.fileWork += work;
    }
    this.spend('work', work);
  }

  usage(name: Pkcs12LimitName): number {
    return this.used.get(name) ?? 0;
  }
}
