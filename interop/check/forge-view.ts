/**
 * What node-forge (pure JavaScript, independent of OpenSSL and of the reference) reads from a
 * file: the second independent decoder of the corpus. It runs in this process, so its time is
 * measured too (docs/decisions.md: why it is not the reference's decoder).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import forge from 'node-forge';

export interface ForgeView {
  readonly ok: true;
  /** Key bags (plain or shrouded) forge decrypted. */
  readonly keys: number;
  /** Of those, keys forge itself can use (RSA); an EC key comes back as bare ASN.1. */
  readonly usableKeys: number;
  /** SHA-1 fingerprints of every X.509 certificate, in file order. */
  readonly certificates: readonly string[];
  readonly ms: number;
}

export interface ForgeViewFailure {
  readonly ok: false;
  readonly error: string;
  readonly ms: number;
}

const KEY_BAGS = [forge.pki.oids.keyBag!, forge.pki.oids.pkcs8ShroudedKeyBag!];

export function forgeView(bytes: Uint8Array, password: string): ForgeView | ForgeViewFailure {
  const started = performance.now();
  try {
    const der = forge.asn1.fromDer(Buffer.from(bytes).toString('binary'), false);
    const p12 = forge.pkcs12.pkcs12FromAsn1(der, false, password);
    const keyBags = KEY_BAGS.flatMap((bagType) => p12.getBags({ bagType })[bagType] ?? []);
    const certificateBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
    const certificates = certificateBags.map((bag) => {
      const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as { asn1?: forge.asn1.Asn1 }).asn1!;
      return createHash('sha1').update(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')).digest('hex');
    });
    return { ok: true, keys: keyBags.length, usableKeys: keyBags.filter((bag) => bag.key).length, certificates, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0]!, ms: performance.now() - started };
  }
}
