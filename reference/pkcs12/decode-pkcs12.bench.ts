/**
 * Benchmark: decodePkcs12 against tls.createSecureContext({ pfx }) on the same OpenSSL 3
 * default file (target: at most 1.5x). Run: npx tsx reference/pkcs12/decode-pkcs12.bench.ts
 */
import { createSecureContext } from 'node:tls';
import { OpensslPki } from '../testing/openssl-pki.js';
import { decodePkcs12 } from './decode-pkcs12.js';

const RUNS = 50;

/** Medians of both, measured interleaved so a change in machine load hits both alike. */
function medians(a: () => void, b: () => void): [number, number] {
  for (let i = 0; i < 20; i++) { a(); b(); } // warm-up: JIT and OpenSSL's lazy initialisation
  const times: [number[], number[]] = [[], []];
  const time = (run: () => void): number => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < RUNS; i++) {
    times[0].push(time(a));
    times[1].push(time(b));
  }
  const median = (list: number[]) => {
    list.sort((x, y) => x - y);
    return (list[RUNS / 2 - 1]! + list[RUNS / 2]!) / 2;
  };
  return [median(times[0]), median(times[1])];
}

export async function benchDecodePkcs12(): Promise<{ decodeMs: number; nodePfxMs: number; ratio: number }> {
  const pki = await OpensslPki.create();
  try {
    const ca = await pki.issue({ name: 'bench-ca', usage: 'ca' });
    const client = await pki.issue({ name: 'bench-client', issuer: ca, usage: 'client' });
    const password = 'bench-password';
    const pfx = await pki.pkcs12({ identity: client, password, mode: 'default' });
    const [decodeMs, nodePfxMs] = medians(() => decodePkcs12(pfx, password), () => createSecureContext({ pfx, passphrase: password }));
    return { decodeMs, nodePfxMs, ratio: decodeMs / nodePfxMs };
  } finally {
    await pki.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { decodeMs, nodePfxMs, ratio } = await benchDecodePkcs12();
  console.log(`decodePkcs12 median ${decodeMs.toFixed(3)} ms; createSecureContext({pfx}) median ${nodePfxMs.toFixed(3)} ms; ratio ${ratio.toFixed(2)} (target <= 1.5)`);
}
