// The transport's deadline, abort and shutdown while the agent is still connecting, probing or
// in the TLS handshake, against real TCP servers on 127.0.0.1 that accept and then stall.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialStore } from '../credentials/credential-store.js';
import { decodePkcs12 } from '../pkcs12/index.js';
import type { Platform } from '../runtime/contract.js';
import { createStandardFixtures, type StandardFixtures } from '../testing/openssl-pki.js';
import { ClientCertificateAgent } from '../tls/client-certificate-agent.js';
import { JudgeServer, type Seen } from './testing/judge-server.js';
import { StallingServer, type StallMode } from './testing/stalling-server.js';
import { Transport } from './transport.js';
import { TransportError, type TransportErrorKind } from './transport-errors.js';

let fx: StandardFixtures;
let judge: JudgeServer;
let p12A: Buffer;
const stores: CredentialStore[] = [];

before(async () => {
  fx = await createStandardFixtures();
  p12A = await fx.pki.pkcs12({ identity: fx.clientRsaA, password: 'a' });
  judge = await JudgeServer.start({ keyPem: fx.server.keyPem, certPem: fx.server.certPem, clientCas: [fx.caA.certPem] });
});
after(async () => {
  for (const store of stores) store.shutdown();
  await judge?.close();
  await fx?.pki.dispose();
});

/** A store with identity A loaded: on Android every first request to a server probes. */
function setup(platform: Platform): { transport: Transport; agent: ClientCertificateAgent } {
  const store = new CredentialStore({
    platform, ca: [fx.caA.certPem], decodePkcs12, createAgent: (options) => new ClientCertificateAgent(options),
  });
  stores.push(store);
  store.load(p12A, 'a');
  return { transport: new Transport(store), agent: store.current().agent as ClientCertificateAgent };
}

async function withStalling(mode: StallMode, body: (server: StallingServer) => Promise<void>): Promise<void> {
  const server = await StallingServer.start(mode);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

const failsWith = (kind: TransportErrorKind) => (error: unknown) => error instanceof TransportError && error.kind === kind;
const get = (url: string, timeoutMs: number, signal?: AbortSignal) => ({ url, method: 'GET', headers: {}, timeoutMs, signal });

// Each test's own limit: before the fix these hung, with the connection left open.
const LIMIT = { timeout: 8000 };

for (const platform of ['android', 'ios'] as const) {
  describe(`${platform}: a server that accepts and stalls`, () => {
    for (const mode of ['silent', 'partial-server-hello'] as const) {
      test(`${mode}: the deadline ends the request and closes its connection`, LIMIT, async () => {
        await withStalling(mode, async (server) => {
          const { transport, agent } = setup(platform);
          const started = Date.now();
          await assert.rejects(transport.send(get(server.url(), 300)), failsWith('timeout'));
          const elapsed = Date.now() - started;
          assert.ok(elapsed >= 250 && elapsed < 3000, `ended after ${elapsed} ms`);
          assert.equal(server.accepted, 1);
          await server.allClosed();
          assert.equal(agent.probeCount, platform === 'android' ? 1 : 0, 'Android got there through its probe');
          assert.equal(await agent.decisionFor('localhost', server.port), undefined, 'no decision was cached');
        });
      });
    }

    test('abort while connecting: aborted at once, connection closed', LIMIT, async () => {
      await withStalling('silent', async (server) => {
        const { transport } = setup(platform);
        const controller = new AbortController();
        const sent = transport.send(get(server.url(), 0, controller.signal));
        await server.whenAccepted();
        controller.abort();
        await assert.rejects(sent, failsWith('aborted'));
        await server.allClosed();
      });
    });

    test('shutdown (abortAll) while connecting: shutdown, connection closed', LIMIT, async () => {
      await withStalling('partial-server-hello', async (server) => {
        const { transport } = setup(platform);
        const sent = transport.send(get(server.url(), 0));
        await server.whenAccepted();
        transport.abortAll();
        await assert.rejects(sent, failsWith('shutdown'));
        await server.allClosed();
      });
    });
  });
}

describe('android: the probe shared by concurrent first requests', () => {
  test('one waiter timing out leaves the probe to the others', LIMIT, async () => {
    await withStalling({ gateTo: judge.port }, async (gate) => {
      const { transport, agent } = setup('android');
      const patient = transport.send(get(gate.url('/whoami'), 10_000));
      const hasty = transport.send(get(gate.url('/whoami'), 200));
      await assert.rejects(hasty, failsWith('timeout'));
      assert.equal(gate.open, 1, 'the probe connection is still open');
      gate.openGate();
      const seen = JSON.parse((await patient).body.toString('utf8')) as Seen;
      assert.equal(seen.cn, 'client-rsa-a');
      assert.equal(agent.probeCount, 1);
    });
  });

  test('when every waiter gave up the probe is closed, and the next request probes again', LIMIT, async () => {
    await withStalling({ gateTo: judge.port }, async (gate) => {
      const { transport, agent } = setup('android');
      const controller = new AbortController();
      const first = transport.send(get(gate.url('/whoami'), 200));
      const second = transport.send(get(gate.url('/whoami'), 0, controller.signal));
      await assert.rejects(first, failsWith('timeout'));
      assert.equal(gate.open, 1, 'the aborting request still waits');
      controller.abort();
      await assert.rejects(second, failsWith('aborted'));
      await gate.allClosed();
      assert.equal(await agent.decisionFor('localhost', gate.port), undefined, 'an abandoned probe is no decision');
      gate.openGate();
      const seen = JSON.parse((await transport.send(get(gate.url('/whoami'), 5000))).body.toString('utf8')) as Seen;
      assert.equal(seen.cn, 'client-rsa-a');
      assert.equal(agent.probeCount, 2);
      assert.equal(await agent.decisionFor('localhost', gate.port), agent.identities[0], 'the new probe decided');
    });
  });
});
