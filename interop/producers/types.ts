/** What a producer is and what it hands over: a file, its password, and who should be in it. */
import type { X509Certificate } from 'node:crypto';
import type { CreatedTestPki } from '../../servers/pki/index.js';
import type { IdentityName } from '../../servers/pki/types.js';

/** An identity a file must yield: one from the test PKI, or one the producer made itself (self-signed). */
export interface ExpectedIdentity {
  /** Test PKI identity name, or the producer's alias for its own key. */
  readonly label: string;
  /** SHA-1 of the leaf DER, lower-case hex without colons (nginx's $ssl_client_fingerprint). */
  readonly fingerprint: string;
  readonly keyType: 'RSA' | 'EC';
  /** Set when the identity comes from the test PKI (then a fleet scenario can judge it). */
  readonly pkiIdentity?: IdentityName;
  /** Self-signed leaf the judge must trust (identities the producer generated itself). */
  readonly selfSigned?: X509Certificate;
}

export interface ProducedFile {
  readonly producer: string;
  readonly variant: string;
  /** Producer + options, as the compatibility table shows them. */
  readonly options: string;
  readonly bytes: Buffer;
  readonly password: string;
  /** File order is not promised by every producer: compared as a set. */
  readonly expected: readonly ExpectedIdentity[];
  /** What the producer's own tool lists (aliases), when it has a listing command. */
  readonly producerListing?: readonly string[];
  /** Extra facts for the table (algorithms, caveats). */
  readonly notes?: string;
}

/** Shared inputs: the test PKI (keys + certificates on disk) and a private scratch folder. */
export interface InteropWorkspace {
  readonly pki: CreatedTestPki;
  /** Private (0700) folder for producers' intermediate files; removed by the corpus. */
  readonly dir: string;
  /** Password for encrypted variants (random per run; never logged). */
  readonly password: string;
}

export interface Variant {
  readonly id: string;
  readonly options: string;
  make(workspace: InteropWorkspace): Promise<ProducedFile>;
}

export interface Producer {
  readonly id: string;
  readonly name: string;
  /** null when usable; otherwise why not (tool absent). */
  unavailable(): Promise<string | null>;
  /** Tool version line for the table. */
  version(): Promise<string>;
  readonly variants: readonly Variant[];
}
