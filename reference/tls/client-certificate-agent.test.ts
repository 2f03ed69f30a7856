import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ClientIdentity } from '../credentials/client-identity.js';
import type { Platform } from '../runtime/contract.js';
import { createStandardFixtures, type Issued, type StandardFixtures } from '../testing/openssl-pki.js';
import { ClientCertificateAgent } from './client-certificate-agent.js';
import { MtlsTestServer, type SeenRequest } from './mtls-test-server.js';
import { identityOf } from './testing/identities.js';

let f: StandardFixtures;
let serverEc: Issued;
let id: Record<'rsaA' | 'ecB' | 'rsaIntermediate', ClientIdentity>;
before(async () => {
  f = await createStandardFixtures();
  serverEc = await f.pki.issue({ name: 'server-ec', issuer: f.caA, usage: 'server', keyType: 'ec-p256', sans: ['localhost'] });
  id = { rsaA: identityOf(f.clientRsaA), ecB: identityOf(f.clientEcB), rsaIntermediate: identityOf(f.clientRsaIntermediate) };
});
after(() => f.pki.dispose());

const RSA_ONLY = 'rsa_pss_rsae_sha256:rsa_pkcs1_sha256:rsa_pss_rsae_sha384';
const EC_ONLY = 'ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384';

function get(agent: ClientCertificateAgent, port: number, path = '/', servername = 'localhost'): Promise<SeenRequest> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, servername, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve(JSON.parse(body) as SeenRequest));
    });
    req.on('error', reject);
    req.end();
  });
}

async function scenario(
  serverOptions: ServerOptions,
  agentOptions: { platform: Platform; identities: ClientIdentity[]; ca?: string[] },
  body: (server: MtlsTestServer, agent: ClientCertificateAgent) => Promise<void>,
): Promise<void> {
  const server = await MtlsTestServer.start({ key: f.server.keyPem, cert: f.server.certPem, ...serverOptions });
  const agent = new ClientCertificateAgent({ ca: [f.caA.certPem], ...agentOptions });
  try {
    await body(server, agent);
  } finally {
    agent.destroy();
    await server.close();
  }
}

for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
  const v = { minVersion: version, maxVersion: version } as const;
  describe(`ClientCertificateAgent ${version}`, () => {
    test('server does not ask: nothing presented, Android reuses the probe connection', async () => {
      for (const platform of ['android', 'ios'] as const) {
        await scenario(v, { platform, identities: [id.rsaA, id.ecB] }, async (server, agent) => {
          const seen = await get(agent, server.port);
          assert.equal(seen.clientCn, null);
          assert.equal(seen.protocol, version);
          assert.equal((await get(agent, server.port)).connection, seen.connection, `${platform}: kept alive`);
          assert.equal(server.secureConnections, 1, `${platform}: one connection in all`);
        });
      }
    });

    test('Android chooses by CA name; iOS presents the first identity', async () => {
      const options = { ...v, requestCert: true, ca: [f.caB.certPem] };
      await scenario(options, { platform: 'android', identities: [id.rsaA, id.ecB] }, async (server, agent) => {
        const seen = await get(agent, server.port);
        assert.equal(seen.clientCn, 'client-ec-b');
        assert.equal(seen.authorized, true);
        assert.equal(seen.reused, false, 'the probe session is never resumed by an identity connection');
        assert.equal(agent.probeCount, 1);
      });
      await scenario(options, { platform: 'ios', identities: [id.rsaA, id.ecB] }, async (server, agent) => {
        assert.equal((await get(agent, server.port)).clientCn, 'client-rsa-a');
        assert.equal(agent.probeCount, 0);
      });
    });

    test('intermediate chain: Android matches root A through it, the server sees the full chain', async () => {
      const options = { ...v, requestCert: true, ca: [f.caA.certPem] };
      for (const platform of ['android', 'ios'] as const) {
        const identities = platform === 'android' ? [id.ecB, id.rsaIntermediate] : [id.rsaIntermediate, id.ecB];
        await scenario(options, { platform, identities }, async (server, agent) => {
          const seen = await get(agent, server.port);
          assert.equal(seen.clientCn, 'client-rsa-intermediate');
          assert.equal(seen.authorized, true, 'a server holding only root A verified the chain');
          assert.deepEqual(seen.chainCns.slice(0, 2), ['client-rsa-intermediate', 'intermediate-a']);
        });
      }
    });

    test('Android chooses by key type: RSA-only and ECDSA-only servers, CA list [A, B]', async () => {
      const both = [f.caA.certPem, f.caB.certPem];
      await scenario({ ...v, requestCert: true, ca: both, sigalgs: RSA_ONLY }, { platform: 'android', identities: [id.ecB, id.rsaA] },
        async (server, agent) => assert.equal((await get(agent, server.port)).clientCn, 'client-rsa-a'));
      await scenario({ ...v, key: serverEc.keyPem, cert: serverEc.certPem, requestCert: true, ca: both, sigalgs: EC_ONLY },
        { platform: 'android', identities: [id.rsaA, id.ecB] },
        async (server, agent) => assert.equal((await get(agent, server.port)).clientCn, 'client-ec-b'));
    });

    test('empty CA list: any identity of a fitting key type', async () => {
      await scenario({ ...v, requestCert: true, sigalgs: RSA_ONLY }, { platform: 'android', identities: [id.ecB, id.rsaA] },
        async (server, agent) => {
          const seen = await get(agent, server.port);
          assert.equal(seen.clientCn, 'client-rsa-a');
          assert.equal(seen.authorized, false, 'the test server trusts nothing; it only reports');
        });
    });

    test('nothing fits: no certificate, and the probe connection serves the request', async () => {
      await scenario({ ...v, requestCert: true, ca: [f.caB.certPem], sigalgs: RSA_ONLY }, { platform: 'android', identities: [id.rsaA, id.ecB] },
        async (server, agent) => {
          const seen = await get(agent, server.port);
          assert.equal(seen.clientCn, null);
          assert.equal(server.secureConnections, 1);
          assert.equal(await agent.decisionFor('127.0.0.1', server.port, 'localhost'), null);
        });
    });

    test('sessions: resumed for the same identity, never across identities', async () => {
      const options = { ...v, requestCert: true, ca: [f.caA.certPem, f.caB.certPem] };
      const server = await MtlsTestServer.start({ key: f.server.keyPem, cert: f.server.certPem, ...options });
      const first = new ClientCertificateAgent({ platform: 'android', identities: [id.rsaA], ca: [f.caA.certPem] });
      const second = new ClientCertificateAgent({ platform: 'android', identities: [id.ecB], ca: [f.caA.certPem] });
      try {
        const a1 = await get(first, server.port, '/close');
        const a2 = await get(first, server.port, '/close');
        assert.deepEqual([a1.clientCn, a1.reused, a2.clientCn, a2.reused], ['client-rsa-a', false, 'client-rsa-a', true]);
        first.retire();
        const b1 = await get(second, server.port);
        assert.deepEqual([b1.clientCn, b1.reused], ['client-ec-b', false]);
      } finally {
        first.destroy();
        second.destroy();
        await server.close();
      }
    });
  });
}

describe('ClientCertificateAgent pooling and retirement', () => {
  test('one probe per host:port, shared by concurrent first requests; keep-alive reuse', async () => {
    await scenario({ requestCert: true, ca: [f.caA.certPem] }, { platform: 'android', identities: [id.rsaA] }, async (server, agent) => {
      const concurrent = await Promise.all([get(agent, server.port), get(agent, server.port), get(agent, server.port)]);
      assert.deepEqual(concurrent.map((s) => s.clientCn), ['client-rsa-a', 'client-rsa-a', 'client-rsa-a']);
      assert.equal(agent.probeCount, 1);
      assert.equal(server.secureConnections, 4, 'one probe and three identity connections');
      const used = new Set(concurrent.map((s) => s.connection));
      for (let i = 0; i < 3; i++) used.add((await get(agent, server.port)).connection);
      assert.equal(used.size, 3, 'later requests reuse pooled connections');
      assert.equal(server.secureConnections, 4);
      assert.equal(agent.probeCount, 1);
    });
  });

  test('retire(): idle sockets close, in-use sockets close after their response, no more requests', async () => {
    await scenario({ requestCert: true, ca: [f.caA.certPem] }, { platform: 'ios', identities: [id.rsaA] }, async (server, agent) => {
      await get(agent, server.port);
      const held = get(agent, server.port, '/held');
      const idle = get(agent, server.port);
      await idle;
      await server.whenOpenConnections(2, 'two client connections open');
      agent.retire();
      await server.whenOpenConnections(1, 'the idle connection closed, the one in use kept');
      server.release();
      assert.equal((await held).clientCn, 'client-rsa-a', 'the request in flight completes');
      await server.whenOpenConnections(0, 'every connection of the retired agent closed');
      assert.equal(Object.keys(agent.freeSockets).length, 0);
      const before = server.tcpConnections;
      assert.throws(() => request({ host: '127.0.0.1', port: server.port, servername: 'localhost', agent }),
        { code: 'ERR_TLS_AGENT_RETIRED' });
      assert.equal(server.tcpConnections, before, 'a retired agent opens no connection');
    });
  });

  test('retire() while requests are still connecting: they complete on the identity, then their sockets close', async () => {
    for (const platform of ['android', 'ios'] as const) {
      await scenario({ requestCert: true, ca: [f.caA.certPem] }, { platform, identities: [id.rsaA] }, async (server, agent) => {
        // Android: these wait on the probe; iOS: on their handshake. Neither has a socket yet.
        const connecting = [get(agent, server.port), get(agent, server.port, '/held')];
        agent.retire();
        server.release();
        const seen = await Promise.all(connecting);
        assert.deepEqual(seen.map((s) => s.clientCn), ['client-rsa-a', 'client-rsa-a'], platform);
        await server.whenOpenConnections(0, `${platform}: no socket of the retired agent stays open`);
        assert.equal(Object.keys(agent.freeSockets).length, 0);
        assert.throws(() => request({ host: '127.0.0.1', port: server.port, servername: 'localhost', agent }), { code: 'ERR_TLS_AGENT_RETIRED' });
      });
    }
  });

  test('no identities: a plain connection, nothing presented even when asked', async () => {
    await scenario({ requestCert: true, ca: [f.caA.certPem] }, { platform: 'android', identities: [] }, async (server, agent) => {
      assert.equal((await get(agent, server.port)).clientCn, null);
      assert.equal(agent.probeCount, 0);
    });
  });

  test('an IP host without SNI is checked against the IP address in the server certificate', async () => {
    await scenario({ requestCert: true, ca: [f.caA.certPem] }, { platform: 'android', identities: [id.rsaA] }, async (server, agent) => {
      assert.equal((await get(agent, server.port, '/', '')).clientCn, 'client-rsa-a');
    });
    // serverEc names only localhost: reached by IP it must be refused.
    const server = await MtlsTestServer.start({ key: serverEc.keyPem, cert: serverEc.certPem });
    const agent = new ClientCertificateAgent({ platform: 'android', identities: [id.rsaA], ca: [f.caA.certPem] });
    try {
      await assert.rejects(get(agent, server.port, '/', ''), { code: 'ERR_TLS_HOSTNAME_MISMATCH' });
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  test('a server that requires a certificate nothing fits: typed handshake error in TLS 1.2 and 1.3', async () => {
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const server = createServer({ key: f.server.keyPem, cert: f.server.certPem, minVersion: version, maxVersion: version,
        requestCert: true, rejectUnauthorized: true, ca: [f.caB.certPem] }, (_req, res) => res.end('{}'));
      server.on('tlsClientError', () => {});
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const agent = new ClientCertificateAgent({ platform: 'android', identities: [id.rsaA], ca: [f.caA.certPem] });
      try {
        const port = (server.address() as AddressInfo).port;
        await assert.rejects(get(agent, port), { code: 'ERR_TLS_HANDSHAKE_FAILED' }, version);
      } finally {
        agent.destroy();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  test('untrusted server and host name mismatch are typed errors on every path', async () => {
    const paths = [
      { platform: 'android' as const, identities: [id.rsaA] },
      { platform: 'ios' as const, identities: [id.rsaA] },
      { platform: 'android' as const, identities: [] },
    ];
    for (const agentOptions of paths) {
      await scenario({}, { ...agentOptions, ca: [f.caB.certPem] }, async (server, agent) => {
        await assert.rejects(get(agent, server.port), { code: 'ERR_TLS_SERVER_UNTRUSTED' });
      });
      await scenario({}, agentOptions, async (server, agent) => {
        await assert.rejects(get(agent, server.port, '/', 'wrong-name.test'), { code: 'ERR_TLS_HOSTNAME_MISMATCH' });
        assert.equal((await get(agent, server.port)).clientCn, null, 'a failed probe is not cached');
      });
    }
  });
});
