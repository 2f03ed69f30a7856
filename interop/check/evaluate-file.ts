/**
 * One produced file through the reference: decodePkcs12, runtime.net.loadClientCertificate,
 * a request per expected identity against its judge, and the comparison with openssl's view.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRuntime } from '../../reference/index.js';
import type { VoltmxRuntime } from '../../reference/index.js';
import { decodePkcs12 } from '../../reference/pkcs12/index.js';
import type { InteropWorkspace, ProducedFile } from '../producers/types.js';
import type { InteropJudges } from './judge.js';
import { forgeView, type ForgeView, type ForgeViewFailure } from './forge-view.js';
import { opensslView, type OpensslView, type OpensslViewFailure } from './openssl-view.js';

export interface DecodedIdentity {
  readonly fingerprint: string;
  readonly keyType: string;
  readonly subject: string;
  readonly chainLength: number;
}

export interface Authentication {
  readonly label: string;
  readonly ok: boolean;
  /** What the server saw (nginx $ssl_client_fingerprint), or why there was no answer. */
  readonly detail: string;
}

export interface InteropResult {
  readonly producer: string;
  readonly variant: string;
  readonly options: string;
  readonly notes?: string;
  readonly expected: readonly string[];
  readonly decode: { readonly ok: boolean; readonly code?: string; readonly message?: string; readonly identities: readonly DecodedIdentity[] };
  /** Same fingerprints (as a set) as the producer put in. */
  readonly identitiesMatch: boolean;
  readonly runtimeLoad: { readonly ok: boolean; readonly code?: string };
  readonly authentications: readonly Authentication[];
  readonly openssl: OpensslView | OpensslViewFailure;
  /** decodePkcs12 agrees with openssl -info: key count, keyed certificates, certificate count. */
  readonly agreesWithOpenssl: boolean | null;
  /** What differs from openssl's view, when it does. */
  readonly opensslDifferences: readonly string[];
  /** decodePkcs12 agrees with the producer's own listing (keytool -list), when there is one. */
  readonly agreesWithProducer: boolean | null;
  /** node-forge, the second independent decoder: what it read, and whether it agrees. */
  readonly forge: ForgeView | ForgeViewFailure;
  /** Same key count and the same certificates (as a set); null when either decoder failed. */
  readonly agreesWithForge: boolean | null;
  readonly forgeDifferences: readonly string[];
}

const sha1 = (raw: Buffer): string => createHash('sha1').update(raw).digest('hex');
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export async function evaluateFile(file: ProducedFile, workspace: InteropWorkspace, judges: InteropJudges): Promise<InteropResult> {
  const path = join(workspace.dir, `eval-${file.producer}-${file.variant}-${randomBytes(4).toString('hex')}.p12`);
  await writeFile(path, file.bytes, { mode: 0o600 });
  const expected = file.expected.map((e) => e.fingerprint);

  let decode: InteropResult['decode'];
  try {
    const contents = decodePkcs12(file.bytes, file.password);
    decode = {
      ok: true,
      identities: contents.identities.map((i) => ({
        fingerprint: sha1(i.chain[0]!.raw), keyType: i.keyType, subject: i.chain[0]!.subject.replace(/\n/g, ', '), chainLength: i.chain.length,
      })),
    };
    (decode as { certificates?: number }).certificates = contents.certificates.length;
    (decode as { certificatePrints?: string[] }).certificatePrints = contents.certificates.map((c) => sha1(c.raw));
  } catch (error) {
    const e = error as { code?: string; message?: string };
    decode = { ok: false, code: e.code ?? 'THROWN', message: e.message ?? String(error), identities: [] };
  }
  const decodedPrints = decode.identities.map((i) => i.fingerprint);
  const view = await opensslView(path, file.password);
  const forge = forgeView(file.bytes, file.password);
  const decodedCertificates = (decode as { certificatePrints?: string[] }).certificatePrints ?? [];
  const forgeDifferences = forge.ok && decode.ok ? [
    ...(forge.keys === decode.identities.length ? [] : [`node-forge: ${forge.keys} keys, reference: ${decode.identities.length} identities`]),
    ...(sameSet(forge.certificates, decodedCertificates) ? [] : ['node-forge reads other certificates']),
  ] : [];
  const runtime = createRuntime({ platform: 'android', trust: { ca: [workspace.pki.serverCa.pem] } });
  try {
    const loaded = runtime.net.loadClientCertificate({ cert: file.bytes, pass: file.password });
    const runtimeLoad = loaded ? { ok: true } : { ok: false, code: runtime.lastLoadFailure?.()?.code ?? 'UNKNOWN' };
    const authentications: Authentication[] = [];
    for (const identity of file.expected) {
      if (!loaded) {
        authentications.push({ label: identity.label, ok: false, detail: 'not loaded' });
        continue;
      }
      try {
        const url = await judges.urlFor(identity);
        const answer = await get(runtime, url);
        const seen = (answer.response as { fingerprint?: string } | null)?.fingerprint ?? null;
        authentications.push({
          label: identity.label,
          ok: answer.status === 200 && seen === identity.fingerprint,
          detail: answer.status === 0 ? answer.statusText : `HTTP ${answer.status}, presented ${seen ?? 'nothing'}`,
        });
      } catch (error) {
        authentications.push({ label: identity.label, ok: false, detail: (error as Error).message });
      }
    }
    const certificates = (decode as { certificates?: number }).certificates;
    const differences = view.ok && decode.ok ? [
      ...(view.keyBags === decode.identities.length ? [] : [`openssl: ${view.keyBags} keys, reference: ${decode.identities.length} identities`]),
      // A producer may put localKeyID on more than the leaf (certtool on a chain): every leaf must carry one.
      ...(decodedPrints.every((p) => view.keyedCertificates.includes(p)) ? [] : ['a leaf the reference chose has no localKeyID in openssl\'s view']),
      ...(view.certificates === certificates ? [] : [`openssl: ${view.certificates} certificates, reference: ${certificates}`]),
    ] : [];
    return {
      producer: file.producer,
      variant: file.variant,
      options: file.options,
      ...(file.notes ? { notes: file.notes } : {}),
      expected,
      decode,
      identitiesMatch: decode.ok && sameSet(decodedPrints, expected),
      runtimeLoad,
      authentications,
      openssl: view,
      agreesWithOpenssl: !view.ok || !decode.ok ? null : differences.length === 0,
      opensslDifferences: differences,
      agreesWithProducer: file.producerListing && decode.ok ? sameSet(file.producerListing, decodedPrints) : null,
      forge,
      agreesWithForge: forge.ok && decode.ok ? forgeDifferences.length === 0 : null,
      forgeDifferences,
    };
  } finally {
    await runtime.shutdown();
  }
}

interface Answer { readonly status: number; readonly statusText: string; readonly response: unknown }

function get(runtime: VoltmxRuntime, url: string): Promise<Answer> {
  return new Promise((resolve) => {
    const request = new runtime.net.HttpRequest();
    request.responseType = 'json';
    request.timeout = 15_000;
    request.onReadyStateChange = () => {
      if (request.readyState === 4) resolve({ status: request.status, statusText: request.statusText, response: request.response });
    };
    request.open('GET', url);
    request.send();
  });
}
