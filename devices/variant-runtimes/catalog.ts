/**
 * The variant runtimes: each CORRECT, but different from the reference where the sources leave
 * a point open (docs/variant-runtimes.md). The variants test (harness/teeth/variants.test.ts)
 * runs each on the whole suite on its platforms: exit 0, nothing unexpected, and `differs`
 * exactly on the decisions it takes otherwise. A suite that failed one of them would fail a
 * correct Volt MX runtime.
 */
import { fileURLToPath } from 'node:url';
import type { Platform } from '../../reference/runtime/contract.js';

export interface VariantRuntime {
  /** Also the module's file name: devices/variant-runtimes/<name>.ts. */
  readonly name: string;
  /** How it differs from the reference, in one sentence, with the source that allows it. */
  readonly difference: string;
  /** Requirements at level decision where it chooses otherwise (reported `differs`). */
  readonly differsOn: readonly string[];
  /** Platforms it is a runtime of (the test runs it there). */
  readonly platforms: readonly Platform[];
  /** Absolute path of the RuntimeFactory module (for --implementation). */
  readonly module: string;
}

type Entry = Omit<VariantRuntime, 'module'>;

const ENTRIES: readonly Entry[] = [
  {
    name: 'no-keep-alive',
    difference: 'Never keeps a connection alive: every request is a new TLS connection (no source asks for connection reuse).',
    differsOn: [],
    platforms: ['android', 'ios'],
  },
  {
    name: 'no-session-resumption',
    difference: 'Never resumes a TLS session: every connection is a full handshake (no source asks for resumption).',
    differsOn: [],
    platforms: ['android', 'ios'],
  },
  {
    name: 'lenient-base64',
    difference: 'Decodes a base64 cert as android.util.Base64 DEFAULT does: characters outside the alphabet are skipped (platform-facts §2).',
    differsOn: ['CA-BASE64-STRICT'],
    platforms: ['android'],
  },
  {
    name: 'pass-optional',
    difference: 'A table without pass loads as if pass were "", as the Kony iOS header declares (platform-facts §3).',
    differsOn: ['CA-PASS-REQUIRED'],
    platforms: ['android', 'ios'],
  },
  {
    name: 'ios-filters-by-ca-names',
    difference: 'On iOS, presents the first identity issued under a CA the server names (distinguishedNames), none when none fits (platform-facts §3).',
    differsOn: ['CA-MULTI-IOS-UNFILTERED'],
    platforms: ['ios'],
  },
  {
    name: 'ios-unencrypted-refused',
    difference: 'On iOS, refuses a PKCS#12 that is not encrypted at all (false), as Apple documents for SecPKCS12Import (platform-facts §3).',
    differsOn: ['CA-PKCS12-UNENCRYPTED'],
    platforms: ['ios'],
  },
  {
    name: 'auth-refusal-1200',
    difference: 'The service invoker reports a client-auth refusal sent as HTTP 400 as errcode 1200 (SSL / certificate error), responsecode 400 kept (platform-facts §1 does not say which).',
    differsOn: ['CA-ERRCODE-HTTP-400'],
    platforms: ['android'],
  },
  {
    name: 'sparse-callbacks',
    difference: 'Announces fewer states: no LOADING 3 from HttpRequest, no 200 (in progress) from invokeServiceAsync, and opstatus 1 for every failure (the documentation fixes none of these).',
    differsOn: [],
    platforms: ['android', 'ios'],
  },
];

export const VARIANT_RUNTIMES: readonly VariantRuntime[] = ENTRIES.map((entry) => ({
  ...entry,
  module: fileURLToPath(new URL(`./${entry.name}.ts`, import.meta.url)),
}));
