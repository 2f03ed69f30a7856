/** Test support: ClientIdentity objects straight from openssl-made PEM files (no PKCS#12 decoder involved). */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ClientIdentity } from '../../credentials/client-identity.js';
import { children, parseDer, type DerNode } from '../../asn1/der-reader.js';
import type { Issued } from '../../testing/openssl-pki.js';

export function identityOf(issued: Issued): ClientIdentity {
  const pems = [issued.certPem, ...issued.intermediates.map((i) => i.certPem)];
  const privateKey = createPrivateKey(issued.keyPem);
  return {
    privateKey,
    keyType: privateKey.asymmetricKeyType === 'ec' ? 'EC' : 'RSA',
    chain: pems.map((pem) => new X509Certificate(pem)),
    friendlyName: issued.name,
    keyPem: issued.keyPem,
    chainPem: pems.join(''),
  };
}

/** Rebuilds a DER Name with each attribute value rewritten (short-form lengths only). */
export function reencodeName(der: Buffer, rewrite: (value: DerNode) => { tag: number; text: string }): Buffer {
  const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, body.length]), body]);
  const rdns = children(parseDer(der)).map((rdn) => tlv(0x31, Buffer.concat(children(rdn).map((ava) => {
    const [type, value] = children(ava);
    const { tag, text } = rewrite(value!);
    return tlv(0x30, Buffer.concat([type!.raw, tlv(tag, Buffer.from(text, 'utf8'))]));
  }))));
  return tlv(0x30, Buffer.concat(rdns));
}
