import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { toolSkip } from '../../support/testing/index.js';
import { nginxBinary } from '../../support/tools/index.js';
import { freePorts, PORT_ATTEMPTS } from '../backend-kit/free-ports.js';
import { probe } from '../fleet/testing/https-probe.js';
import { createTestPki } from '../pki/index.js';
import { scenario } from '../scenarios/catalog.js';
import { NginxBackend } from './nginx-backend.js';

const skip = toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module');

test('nginx: a probed port someone else bound before nginx did is picked again; given ports never are', { skip }, async () => {
  // The race freePorts() cannot close: another process binds the port between probe and bind.
  const squatter = createServer().listen(0, '127.0.0.1');
  await once(squatter, 'listening');
  const taken = (squatter.address() as AddressInfo).port;
  const picks: number[][] = [];
  const picker = async (count: number): Promise<number[]> => {
    const ports = picks.length === 0 ? [taken] : await freePorts(count);
    picks.push(ports);
    return ports;
  };
  const pki = await createTestPki();
  const workDir = await mkdtemp(join(tmpdir(), 'voltmx-nginx-retry-'));
  try {
    const plan = { pki, scenarios: [scenario('required-a')], workDir };
    const started = await new NginxBackend(undefined, picker).start(plan);
    try {
      assert.equal(picks.length, 2, 'picked again after the bind failed');
      assert.deepEqual(started.endpoints.map((e) => e.port), picks[1]);
      const res = await probe(pki, started.endpoints[0]!.port, '/whoami', { identity: pki.identities['rsa-a'] });
      assert.equal(res.json.verify, 'SUCCESS');
    } finally {
      await started.stop();
    }
    // The user's own ports (--ports) are theirs: a taken one is an error, not a silent move.
    await assert.rejects(new NginxBackend().start({ ...plan, ports: [taken] }), /Address already in use/);
    // A port that stays taken: PORT_ATTEMPTS tries, then the bind error.
    let tries = 0;
    await assert.rejects(new NginxBackend(undefined, async () => { tries += 1; return [taken]; }).start(plan), /Address already in use/);
    assert.equal(tries, PORT_ATTEMPTS);
  } finally {
    squatter.close();
    await rm(workDir, { recursive: true, force: true });
    await pki.dispose();
  }
});
