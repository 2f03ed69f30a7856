// Transport with a real CredentialStore and ClientCertificateAgent against a judge server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialStore } from '../credentials/credential-store.js';
import { decodePkcs12 } from '../pkcs12/index.js';
import { createStandardFixtures, type StandardFixtures } from '../testing/openssl-pki.js';
import { ClientCertificateAgent } from '../tls/client-certificate-agent.js';
import { JudgeServer, type Seen } from './testing/judge-server.js';
import { Transport } from './transport.js';

let fx: StandardFixtures;
let judge: JudgeServer;
let p12A: Buffer;
let p12B: Buffer;

before(async () => {
  fx = await createStandardFixtures();
  [p12A, p12B] = await Promise.all([
    fx.pki.pkcs12({ identity: fx.clientRsaA, password: 'a' }),
    fx.pki.pkcs12({ identity: fx.clientEcB, password: 'b' }),
  ]);
  judge = await JudgeServer.start({
    keyPem: fx.server.keyPem, certPem: fx.server.certPem, clientCas: [fx.caA.certPem, fx.caB.certPem],
  });
});
after(async () => {
  await judge?.close();
  await fx?.pki.dispose();
});

function setup(): { store: CredentialStore; transport: Transport } {
  const store = new CredentialStore({
    platform: 'android', ca: [fx.caA.certPem], decodePkcs12, createAgent: (options) => new ClientCertificateAgent(options),
  });
  return { store, transport: new Transport(store) };
}

async function seen(transport: Transport, url: string, headers: Record<string, string> = {}): Promise<Seen> {
  const response = await transport.send({ url, method: 'GET', headers, timeoutMs: 10_000 });
  return JSON.parse(response.body.toString('utf8')) as Seen;
}

test('a load while requests are still connecting retires the old agent at once; they finish on the old identity', async () => {
  const { store, transport } = setup();
  store.load(p12A, 'a');
  const old = store.current().agent as ClientCertificateAgent;
  // Android: these wait on the probe, so none has a connection yet.
  const connecting = [seen(transport, judge.url('/slow?ms=40')), seen(transport, judge.url('/slow?ms=40'))];
  await new Promise((resolve) => setImmediate(resolve)); // the transport hands them to the agent
  store.load(p12B, 'b');
  assert.equal(old.retired, true, 'no lease holds an agent whose requests it has admitted');
  const results = await Promise.all(connecting);
  assert.deepEqual(results.map((s) => s.cn), ['client-rsa-a', 'client-rsa-a']);
  for (const { connection } of results) await judge.waitClosed(connection); // nothing of the retired agent is pooled
  assert.equal((await seen(transport, judge.url())).cn, 'client-ec-b');
  store.shutdown();
});

test('request options from the URL: IP host without SNI, path and query, user info as Basic authorization', async () => {
  const { store, transport } = setup();
  store.load(p12A, 'a');
  const url = judge.url('/whoami?x=1&y=%20').replace('localhost', 'user:p%40ss@127.0.0.1');
  const result = await seen(transport, url);
  assert.equal(result.cn, 'client-rsa-a');
  assert.equal(result.url, '/whoami?x=1&y=%20');
  assert.equal(result.headers.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  store.shutdown();
});
