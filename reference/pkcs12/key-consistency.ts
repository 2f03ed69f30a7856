/**
 * Is a private key internally consistent? OpenSSL loads a PKCS#8 key whose private part no
 * longer fits its public part (a corrupted file without MAC), and createPublicKey then still
 * answers the untouched public half: the certificate "matches" but every signature fails.
 */
import { createECDH, type KeyObject } from 'node:crypto';

export function isConsistentKeyPair(privateKey: KeyObject): boolean {
  const jwk = privateKey.export({ format: 'jwk' });
  if (privateKey.asymmetricKeyType === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (!curve || !jwk.d || !jwk.x || !jwk.y) return false;
    const ecdh = createECDH(curve);
    ecdh.setPrivateKey(Buffer.from(jwk.d, 'base64url')); // computes the public point from the scalar
    const expected = Buffer.concat([Buffer.of(4), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    return ecdh.getPublicKey().equals(expected);
  }
  if (privateKey.asymmetricKeyType === 'rsa') {
    const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(toBigInt);
    if (!n || !e || !d || !p || !q || !dp || !dq || !qi) return false;
    // The identities RSA signing relies on (RFC 8017 section 3.2), primality aside.
    return p * q === n && dp === d % (p - 1n) && dq === d % (q - 1n) && (e * dp) % (p - 1n) === 1n
      && (e * dq) % (q - 1n) === 1n && (qi * q) % p === 1n;
  }
  return false;
}

function toBigInt(value: string | undefined): bigint | undefined {
  if (!value) return undefined;
  const hex = Buffer.from(value, 'base64url').toString('hex');
  return hex ? BigInt('0x' + hex) : 0n;
}
