/**
 * The deliberately broken runtimes: each wrong in one documented way, with the requirements
 * the conformance suite must flag for it (its roots) and the spec files that check those. The
 * teeth test runs each on the whole suite on both platforms: where the defect shows, the
 * unexpected failures must be exactly its flags, everything else its defect touches `blocked`
 * by them.
 */
import { fileURLToPath } from 'node:url';
import type { Platform } from '../../reference/runtime/contract.js';
import { UnknownBrokenRuntimeError } from './errors.js';

export interface BrokenRuntime {
  /** Also the module's file name: devices/broken-runtimes/<name>.ts. */
  readonly name: string;
  /** The defect, in one sentence. */
  readonly defect: string;
  /**
   * Requirement IDs the suite must report as unexpected failures (nothing else may be): the
   * root requirements of the defect; what builds on them is reported `blocked`.
   */
  readonly flags: readonly string[];
  /** Requirements the defect may also fail, depending on timing; ID -> why. */
  readonly mayAlsoFlag?: Readonly<Record<string, string>>;
  /**
   * Platforms where the defect shows (its flags must be caught there). The teeth test runs it
   * on both; elsewhere its flags may fail but need not.
   */
  readonly platforms: readonly Platform[];
  /** Spec names (specs/<spec>.spec.ts) that check the flagged requirements. */
  readonly specs: readonly string[];
  /** Only the Java judge (servers/java, needs javac) shows the defect. */
  readonly needsJavaJudge?: boolean;
  /**
   * The hosted device's app deadline in the teeth run, for runtimes that hang: each test that
   * meets the hang waits it out, so a short one keeps the run short. The action timeout stays
   * the profile's: a launch slowed by a loaded machine is not the runtime's hang.
   */
  readonly appDeadlineMs?: number;
  /** Absolute path of the RuntimeFactory module (for --implementation). */
  readonly module: string;
}

type Entry = Omit<BrokenRuntime, 'module'>;

const ENTRIES: readonly Entry[] = [
  {
    name: 'replace-ignored',
    defect: 'A second successful load returns true, but the first certificate stays in force.',
    // CA-REPLACE-KEEPALIVE and CA-REPLACE-RESUMPTION build on CA-REPLACE: reported blocked.
    flags: ['CA-REPLACE'],
    platforms: ['android', 'ios'],
    specs: ['replace'],
  },
  {
    name: 'failed-load-clears',
    defect: 'A failed load (wrong password, corrupt bytes, bad base64) returns false but also removes the certificate in force.',
    flags: ['CA-FAILED-LOAD-KEEPS-OLD'],
    platforms: ['android', 'ios'],
    specs: ['replace'],
  },
  {
    name: 'always-sends',
    defect: 'On Android the first identity of the file is presented to any server that asks, whatever CA names and key types it advertises (the iOS rule everywhere).',
    flags: ['CA-MULTI-ANDROID-BY-CA', 'CA-MULTI-ANDROID-BY-KEYTYPE', 'CA-MULTI-ANDROID-NO-FIT'],
    platforms: ['android'],
    specs: ['multi-identity-android'],
  },
  {
    name: 'survives-restart',
    defect: 'The last loaded certificate is kept in module state and loaded again into the next launch, so it survives an app restart.',
    flags: ['CA-APP-LIFETIME'],
    platforms: ['android', 'ios'],
    specs: ['app-lifetime'],
  },
  {
    name: 'throws-on-bad-password',
    defect: 'A wrong PKCS#12 password throws an error instead of returning false.',
    flags: ['CA-PASSWORD-WRONG'],
    platforms: ['android', 'ios'],
    specs: ['passwords'],
  },
  {
    name: 'stale-connections',
    defect: 'Keep-alive connections made with the old identity stay pooled across a replacement and are reused; only new connections present the new identity.',
    // CA-REPLACE judges new connections only (a kept-alive one is CA-REPLACE-KEEPALIVE's); the
    // removal's pooled connections fail CA-REMOVE-KEEPALIVE (Android), blocked by these.
    flags: ['CA-REPLACE-KEEPALIVE', 'CA-REPLACE-RESUMPTION'],
    platforms: ['android', 'ios'],
    specs: ['replace'],
  },
  {
    name: 'stale-sessions',
    defect: 'TLS sessions are cached per server rather than per identity, so after a replacement a session of the old identity is resumed.',
    flags: ['CA-REPLACE-RESUMPTION'],
    platforms: ['android', 'ios'],
    specs: ['replace'],
  },
  {
    name: 'base64-rejected',
    defect: 'A base64 string cert is answered with false; only RawBytes load.',
    flags: ['CA-LOAD-BASE64', 'CA-LOAD-FROM-FILE', 'CA-LOAD-FROM-HTTP'],
    platforms: ['android', 'ios'],
    specs: ['loading'],
  },
  {
    name: 'no-error-codes',
    defect: 'A call with the wrong number of arguments returns false instead of throwing error 101.',
    flags: ['CA-ERR-101'],
    platforms: ['android', 'ios'],
    specs: ['bad-input'],
  },  {
    name: 'ca-names-as-bytes',
    defect: 'On Android the advertised CA names are compared with the chain\'s issuer names byte for byte, so an issuer spelled otherwise than its CA\'s subject never matches.',
    flags: ['CA-MULTI-ANDROID-X500-NAMES'],
    platforms: ['android'],
    specs: ['ca-names-android'],
  },
  {
    name: 'tls12-certificate-types-only',
    defect: 'On Android in TLS 1.2 the key types come from certificate_types alone, ignoring signature_algorithms, so a Java server listing every certificate type but allowing only ECDSA signatures gets an empty Certificate from rsa-a+ec-b.',
    flags: ['CA-MULTI-ANDROID-TLS12-KEY-TYPES'],
    platforms: ['android'],
    specs: ['tls12-key-types-android'],
    needsJavaJudge: true,
  },
  {
    name: 'tls13-never-presents',
    defect: 'No certificate is ever presented over TLS 1.3; TLS 1.2 servers receive it.',
    flags: ['CA-TLS13'],
    platforms: ['android', 'ios'],
    specs: ['tls-versions'],
  },
  {
    name: 'tls12-never-presents',
    defect: 'No certificate is ever presented over TLS 1.2; TLS 1.3 servers receive it.',
    flags: ['CA-TLS12'],
    platforms: ['android', 'ios'],
    specs: ['tls-versions'],
  },
  {
    name: 'http-request-never-presents',
    defect: 'The HttpRequest API (voltmx.net.HttpRequest) never presents the loaded certificate; invokeServiceAsync does.',
    flags: ['CA-BOTH-APIS'],
    platforms: ['android', 'ios'],
    specs: ['send-only-when-challenged'],
  },
  {
    name: 'rawbytes-kept',
    defect: 'The runtime keeps the app\'s RawBytes rather than what it loaded and reads them again before each request, so clearing them after the load leaves no certificate.',
    flags: ['CA-LOAD-COPIES-BYTES'],
    platforms: ['android', 'ios'],
    specs: ['loading'],
  },
  {
    name: 'late-loads',
    defect: 'A load returns at once but takes effect 1.5 s later: a request started right after it goes out with the previous state.',
    flags: ['CA-LOAD-IMMEDIATE'],
    platforms: ['android', 'ios'],
    specs: ['loading'],
  },
  {
    name: 'http-request-hangs',
    defect: 'While a certificate is loaded, an HttpRequest to a server that asks for one never ends (no DONE, ever); invokeServiceAsync works.',
    // The app reports the hang at its deadline: a failure of the requirement, not an infrastructure error.
    flags: ['CA-BOTH-APIS'],
    platforms: ['android', 'ios'],
    specs: ['send-only-when-challenged'],
    appDeadlineMs: 3_000,
  },
  {
    name: 'invoke-never-calls-back',
    defect: 'While a certificate is loaded, invokeServiceAsync to a server that asks for one calls back with 100 and never again; HttpRequest works.',
    // CA-LOAD-IMMEDIATE leaves a path that never answers to its API's requirement.
    flags: ['CA-BOTH-APIS'],
    platforms: ['android', 'ios'],
    specs: ['send-only-when-challenged'],
    appDeadlineMs: 3_000,
  },
  {
    name: 'redirect-hop-never-presents',
    defect: 'A redirect hop is made without the loaded certificate; the first hop of every request presents it.',
    flags: ['CA-REDIRECT-PRESENTS'],
    platforms: ['android', 'ios'],
    specs: ['redirect'],
  },
  {
    name: 'load-aborts-in-flight',
    defect: 'A successful load aborts every request still in flight.',
    flags: ['CA-REPLACE-IN-FLIGHT'],
    platforms: ['android', 'ios'],
    specs: ['in-flight'],
  },
  {
    name: 'remove-aborts-in-flight',
    defect: 'On Android, removeClientCertificate() aborts every request still in flight.',
    flags: ['CA-REMOVE-IN-FLIGHT'],
    platforms: ['android'],
    specs: ['in-flight'],
  },
  {
    name: 'idle-close-forgets',
    defect: 'When a server closes a kept-alive connection that sat idle in the pool, the runtime forgets the loaded certificate until the next load.',
    flags: ['CA-IDLE-STILL-IN-FORCE'],
    platforms: ['android', 'ios'],
    specs: ['idle'],
  },
];

export const BROKEN_RUNTIMES: readonly BrokenRuntime[] = ENTRIES.map((entry) => ({
  ...entry,
  module: fileURLToPath(new URL(`./${entry.name}.ts`, import.meta.url)),
}));

export function brokenRuntime(name: string): BrokenRuntime {
  const found = BROKEN_RUNTIMES.find((r) => r.name === name);
  if (!found) throw new UnknownBrokenRuntimeError(name);
  return found;
}
