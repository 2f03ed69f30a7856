import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createTestPki, type CreatedTestPki } from '../../pki/index.js';
import { SCENARIOS } from '../../scenarios/catalog.js';
import { ServerFleet, type StartedServerFleet } from '../server-fleet.js';
import type { BackendName } from '../types.js';
import { advertisedCaNames } from './advertised-ca-names.js';
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
    for (const id of ['required-a-or-b', 'required-unadvertised', 'tls12-required-a', 'tls13-required-a']) {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      for (const protocol of scenario.protocols) {
        const names = await advertisedCaNames(f.endpoint(id).port, protocol);
        assert.deepEqual(names, scenario.advertisedCas.map((ca) => pki.cas[ca].subject), `${id} ${protocol}`);
      }
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
