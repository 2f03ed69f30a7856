import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../../pki/index.js';
import { SCENARIOS } from '../../scenarios/catalog.js';
import { ServerFleet, type StartedServerFleet } from '../server-fleet.js';
import type { BackendName } from '../../backend-kit/types.js';
import { Agent } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { advertisedCaNames, observeCertificateRequest } from './advertised-ca-names.js';
import { probe } from './https-probe.js';
import { assertCell, runMatrix } from './scenario-matrix.js';
import { PROBE_IDENTITIES } from './expectations.js';

export interface ContractOptions {
  /** Reason to skip the whole suite (e.g. no docker daemon), or undefined to run it. */
  readonly skip?: () => Promise<string | undefined>;
}

/** The behaviour every backend must show, registered as node:test tests for one backend. */
export function backendContract(backend: BackendName, options: ContractOptions = {}): void {
  let pki: CreatedTestPki; // unset when the suite is skipped
  let fleet: StartedServerFleet | undefined;
  let skipReason: string | undefined;

  before(async () => {
    skipReason = await options.skip?.();
    if (skipReason) return;
    pki = await createTestPki();
    fleet = await new ServerFleet(pki).withBackend(backend).start();
  });
  after(async () => {
    await fleet?.stop();
    await pki?.dispose();
  });
  const run = (name: string, body: (fleet: StartedServerFleet) => Promise<void>): void => {
    test(`${backend}: ${name}`, async (t) => {
      if (skipReason) return t.skip(skipReason);
      await body(fleet!);
    });
  };

  run('every scenario judges every identity (and none) as nginx 1.22 does', async (f) => {
    const cells = await runMatrix(pki, f);
    assert.equal(cells.length, SCENARIOS.length * PROBE_IDENTITIES.length);
    for (const cell of cells) assertCell(pki, cell);
  });

  run('CertificateRequest CA names: advertised CAs only, none for required-unadvertised', async (f) => {
    for (const id of ['required-a-or-b', 'required-unadvertised', 'tls12-required-a', 'tls13-required-a', 'required-a-or-b-ecdsa-only', 'required-c']) {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      for (const protocol of scenario.protocols) {
        const names = await advertisedCaNames(f.endpoint(id).port, protocol);
        assert.deepEqual(names, scenario.advertisedCas.map((ca) => pki.cas[ca].subject), `${id} ${protocol}`);
      }
    }
  });

  run('required-a-or-b-ecdsa-only asks for ECDSA keys only (TLS 1.2 types and both versions\' sigalgs); others for RSA too', async (f) => {
    const ecdsa = ['ECDSA+SHA256', 'ECDSA+SHA384', 'ECDSA+SHA512'];
    const tls12 = await observeCertificateRequest(f.endpoint('required-a-or-b-ecdsa-only').port, 'TLSv1.2');
    assert.deepEqual([tls12.certificateTypes, tls12.signatureAlgorithms], [['ECDSA sign'], ecdsa]);
    const tls13 = await observeCertificateRequest(f.endpoint('required-a-or-b-ecdsa-only').port, 'TLSv1.3');
    assert.deepEqual(tls13.signatureAlgorithms, ecdsa);
    const usual = await observeCertificateRequest(f.endpoint('required-a-or-b').port, 'TLSv1.2');
    assert.deepEqual(usual.certificateTypes, ['RSA sign', 'DSA sign', 'ECDSA sign']);
    assert.ok(usual.signatureAlgorithms.some((a) => a.startsWith('RSA')), usual.signatureAlgorithms.join(':'));
    // A real client with an RSA identity (and a fitting one) both ways.
    for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
      const port = f.endpoint('required-a-or-b-ecdsa-only').port;
      const rsa = await probe(pki, port, '/whoami', { identity: pki.identities['rsa-a'], maxVersion });
      assert.deepEqual([rsa.status, rsa.json.verify, rsa.json.error, rsa.json.protocol], [400, 'NONE', 'no-certificate', maxVersion]);
      const ec = await probe(pki, port, '/whoami', { identity: pki.identities['ec-b'], maxVersion });
      assert.deepEqual([ec.status, ec.json.subject], [200, pki.identities['ec-b'].subject], maxVersion);
    }
  });

  run('untrusted-server: a self-signed certificate with the usual names; answers whoever accepts it', async (f) => {
    const port = f.endpoint('untrusted-server').port;
    await assert.rejects(probe(pki, port, '/whoami'), (e: NodeJS.ErrnoException) => e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const res = await probe(pki, port, '/whoami', { trustAnyServer: true, identity: pki.identities['rsa-a'] });
    assert.deepEqual([res.status, res.json.verify, res.json.server], [200, 'NONE', 'untrusted-server']);
    const presented = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
        resolve(new X509Certificate(socket.getPeerCertificate().raw));
        socket.destroy();
      });
      socket.on('error', reject);
    });
    assert.equal(presented.fingerprint256, new X509Certificate(pki.untrustedServer.certificate.pem).fingerprint256);
    assert.equal(presented.subjectAltName, new X509Certificate(pki.server.certificate.pem).subjectAltName);
  });

  run('connectionRequests counts requests per connection: 1, 2, 3 kept alive; 1 again on a new one', async (f) => {
    const port = f.endpoint('required-a').port;
    const identity = pki.identities['rsa-a'];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const counts: number[] = [];
      for (let i = 0; i < 3; i += 1) counts.push((await probe(pki, port, '/whoami', { identity, agent })).json.connectionRequests);
      const service = await probe(pki, port, '/service', { identity, agent });
      assert.deepEqual([...counts, service.json.observation.connectionRequests], [1, 2, 3, 4]);
    } finally {
      agent.destroy();
    }
    assert.equal((await probe(pki, port, '/whoami', { identity })).json.connectionRequests, 1);
    // A refusal closes the connection (nginx drops keep-alive after 495/496), and reports its count.
    const refusing = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await probe(pki, port, '/whoami', { agent: refusing });
      const second = await probe(pki, port, '/whoami', { agent: refusing });
      assert.deepEqual([first.status, first.json.connectionRequests, first.headers.connection], [400, 1, 'close']);
      assert.deepEqual([second.status, second.json.connectionRequests], [400, 1]);
    } finally {
      refusing.destroy();
    }
  });

  run('/service answers GET and POST (form and JSON) with opstatus 0 and echoes the body', async (f) => {
    const port = f.endpoint('required-a').port;
    const identity = pki.identities['rsa-a'];
    const get = await probe(pki, port, '/service?x=1', { identity });
    assert.equal(get.status, 200);
    assert.equal(get.json.opstatus, 0);
    assert.equal(get.json.method, 'GET');
    assert.equal(get.json.echo, '');
    assert.equal(get.json.observation.subject, identity.subject);
    const form = 'a=1&b=%22quoted%22';
    const posted = await probe(pki, port, '/service', {
      identity, method: 'POST', body: form, contentType: 'application/x-www-form-urlencoded',
    });
    assert.deepEqual([posted.status, posted.json.method, posted.json.echo], [200, 'POST', form]);
    // Quotes, backslashes and line breaks must survive (nginx inserts values raw).
    const json = JSON.stringify({ name: 'a "b" \\ c', list: [1, 2] }, null, 2);
    const postedJson = await probe(pki, port, '/service', { identity, method: 'POST', body: json, contentType: 'application/json' });
    assert.equal(postedJson.json.echo, json);
    const refused = await probe(pki, port, '/service', { method: 'POST', body: form });
    assert.deepEqual([refused.status, refused.json.error], [400, 'no-certificate']);
  });

  run('/p12/<fileName> serves each bundle as application/x-pkcs12; nothing else is reachable', async (f) => {
    const port = f.endpoint('no-client-auth').port;
    for (const bundle of Object.values(pki.bundles)) {
      const res = await probe(pki, port, `/p12/${bundle.fileName}`);
      assert.equal(res.status, 200, bundle.fileName);
      assert.equal(res.headers['content-type'], 'application/x-pkcs12');
      assert.ok(res.raw.equals(await readFile(bundle.path)), `${bundle.fileName}: same bytes`);
    }
    for (const path of ['/p12/server.key', '/p12/nope.p12', '/nginx.conf', '/']) {
      assert.equal((await probe(pki, port, path)).status, 404, path);
    }
  });

  run('/cookie answers the /whoami observation plus Set-Cookie and X-Voltmx-Conformance; a refusal sets no cookie', async (f) => {
    for (const [id, identity] of [['no-client-auth', undefined], ['required-a', pki.identities['rsa-a']]] as const) {
      const port = f.endpoint(id).port;
      const whoami = await probe(pki, port, '/whoami', identity ? { identity } : {});
      const cookie = await probe(pki, port, '/cookie', identity ? { identity } : {});
      assert.equal(cookie.status, 200, id);
      assert.match(String(cookie.headers['content-type']), /^application\/json/, id);
      assert.deepEqual(cookie.headers['set-cookie'], ['voltmx-conformance=1; Path=/; Secure'], id);
      assert.equal(cookie.headers['x-voltmx-conformance'], 'cookie', id);
      // Each request has its own exchange id (its transcript); everything else is the same.
      const { exchange: cookieExchange, ...cookieObservation } = cookie.json;
      const { exchange: whoamiExchange, ...whoamiObservation } = whoami.json;
      assert.notEqual(cookieExchange, whoamiExchange, id);
      assert.deepEqual(cookieObservation, whoamiObservation, `${id}: the same observation as /whoami`);
      assert.equal(whoami.headers['set-cookie'], undefined, `${id}: only /cookie sets one`);
    }
    const refused = await probe(pki, f.endpoint('required-a').port, '/cookie');
    assert.deepEqual([refused.status, refused.json.error, refused.headers['set-cookie']], [400, 'no-certificate', undefined]);
  });

  run('/slow answers the /whoami observation, after a while (a request that is surely in flight meanwhile)', async (f) => {
    const res = await probe(pki, f.endpoint('required-a').port, '/slow', { identity: pki.identities['rsa-a'] });
    assert.equal(res.status, 200);
    assert.equal(res.json.verify, 'SUCCESS');
    assert.equal(res.json.server, 'required-a');
  });

  run('/redirect?to=/whoami answers 302 with a relative Location', async (f) => {
    const res = await probe(pki, f.endpoint('no-client-auth').port, '/redirect?to=/whoami');
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/whoami');
  });

  run('resumption-required-a-or-b resumes a stale session (TLS 1.2 and 1.3); others never resume', async (f) => {
    for (const maxVersion of ['TLSv1.2', 'TLSv1.3'] as const) {
      const port = f.endpoint('resumption-required-a-or-b').port;
      const first = await probe(pki, port, '/whoami', { identity: pki.identities['rsa-a'], maxVersion });
      assert.equal(first.json.sessionReused, false);
      assert.ok(first.session, `${maxVersion}: a session to resume`);
      const second = await probe(pki, port, '/whoami', { identity: pki.identities['ec-b'], session: first.session, maxVersion });
      assert.equal(second.json.sessionReused, true, maxVersion);
      assert.equal(second.json.subject, pki.identities['rsa-a'].subject, `${maxVersion}: the old identity`);
      assert.equal(second.json.protocol, maxVersion);
    }
    const port = f.endpoint('required-a-or-b').port;
    const first = await probe(pki, port, '/whoami', { identity: pki.identities['rsa-a'] });
    const second = await probe(pki, port, '/whoami', { identity: pki.identities['ec-b'], ...(first.session ? { session: first.session } : {}) });
    assert.deepEqual([second.json.sessionReused, second.json.subject], [false, pki.identities['ec-b'].subject]);
  });

  run('a client sending only the leaf of an intermediate chain is refused', async (f) => {
    const res = await probe(pki, f.endpoint('required-intermediate').port, '/whoami', {
      identity: pki.identities['rsa-intermediate'], leafOnly: true,
    });
    assert.deepEqual([res.status, res.json.verify], [400, 'FAILED:unable to verify the first certificate']);
  });

  run('SNI is reported; an IP-only connection reports sni null', async (f) => {
    const port = f.endpoint('no-client-auth').port;
    assert.equal((await probe(pki, port, '/whoami', { servername: '' })).json.sni, null);
    await f.assertHealthy();
  });
}
