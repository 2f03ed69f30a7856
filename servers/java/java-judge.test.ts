import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { allProcesses, waitFor } from '../../support/testing/index.js';
import { probe } from '../fleet/testing/https-probe.js';
import { settledTranscript } from '../backend-kit/transcript.js';
import { createTestPki, type CreatedTestPki } from '../pki/create-test-pki.js';
import { startJavaJudge, type StartedJavaJudge } from './java-judge.js';
import { findJava, JavaUnavailableError, requireJava } from './java-tools.js';

/** openssl s_client with stdin at EOF: it reports the handshake, then quits. */
function sClient(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_client', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}
const java = await findJava();
// Without javac the judge cannot be built: skip and say why, except in CI where Java must be there.
const skip = !java.available && process.env.CI !== 'true' ? `Java judge not built: ${java.reason}` : false;

describe('Java judge (SunJSSE)', { skip }, () => {
  let pki: CreatedTestPki;
  let judge: StartedJavaJudge;
  let workDir: string;
  const port = (scenario: string) => judge.endpoints.find((e) => e.scenario === scenario)!.port;

  before(async () => {
    if (!java.available) throw new JavaUnavailableError(java.reason);
    pki = await createTestPki();
    workDir = await mkdtemp(join(tmpdir(), 'voltmx-java-judge-test-'));
    judge = await startJavaJudge({ pki, workDir });
  });
  after(async () => {
    await judge?.stop();
    await rm(workDir, { recursive: true, force: true });
    await pki?.dispose();
  });

  /** What openssl s_client reports about the CertificateRequest (an independent TLS stack). */
  async function certificateRequestOf(scenario: string): Promise<{ types: string; algorithms: string }> {
    const stdout = await sClient(['-connect', `127.0.0.1:${port(scenario)}`, '-tls1_2', '-CAfile', pki.serverCa.path]);
    const line = (label: string) => new RegExp(`^${label}: (.*)$`, 'm').exec(stdout)?.[1] ?? '';
    return { types: line('Client Certificate Types'), algorithms: line('Requested Signature Algorithms') };
  }

  test('TLS 1.2: every certificate type listed, signature_algorithms ECDSA-only or RSA-only', async () => {
    const ecdsa = await certificateRequestOf('java-tls12-ecdsa-signatures');
    assert.equal(ecdsa.types, 'ECDSA sign, RSA sign, DSA sign');
    assert.match(ecdsa.algorithms, /^ECDSA\+SHA256(:ECDSA\+SHA\d+)*$/);
    const rsa = await certificateRequestOf('java-tls12-rsa-signatures');
    assert.equal(rsa.types, 'ECDSA sign, RSA sign, DSA sign');
    assert.doesNotMatch(rsa.algorithms, /ECDSA|DSA\+|ed25519/);
    assert.match(rsa.algorithms, /RSA\+SHA256/);
    const any = await certificateRequestOf('java-required-a-or-b');
    assert.match(any.algorithms, /ECDSA\+SHA256/);
    assert.match(any.algorithms, /RSA\+SHA256/);
  });

  test('observation as nginx reports it: the identity, SUCCESS, the same fields as every backend', async () => {
    const ecB = pki.identities['ec-b'];
    const r = await probe(pki, port('java-tls12-ecdsa-signatures'), '/whoami', { identity: ecB });
    assert.equal(r.status, 200, r.body);
    const { exchange, ...observation } = r.json;
    assert.deepEqual(observation, {
      server: 'java-tls12-ecdsa-signatures', verify: 'SUCCESS', subject: ecB.subject, issuer: ecB.issuer, serial: ecB.serial,
      fingerprint: ecB.fingerprint, protocol: 'TLSv1.2', sessionReused: false, sni: 'localhost', connectionRequests: 1,
    });
    // The transcript of that request: what SunJSSE asked for and received.
    const transcript = await settledTranscript(() => judge.transcript('java-tls12-ecdsa-signatures', String(exchange)));
    assert.ok(transcript, `a transcript for ${String(exchange)}`);
    assert.deepEqual([transcript.backend, transcript.tlsVersion, transcript.resumed], ['java', 'TLSv1.2', false]);
    assert.deepEqual(transcript.certificateRequest?.certificateTypes, ['ecdsa_sign', 'rsa_sign', 'dss_sign']);
    assert.equal(transcript.certificateRequest?.caNames.length, 2);
    assert.deepEqual(transcript.clientCertificates.map((c) => [c.subject, c.issuer, c.keyType]), [[ecB.subject, ecB.issuer, 'ec-prime256v1']]);
    assert.equal(judge.transcript('java-required-a', String(exchange)), null, 'an exchange belongs to one scenario');
    const rsaA = pki.identities['rsa-a'];
    const both = await probe(pki, port('java-required-a-or-b'), '/whoami', { identity: rsaA });
    assert.equal(both.json.fingerprint, rsaA.fingerprint);
    assert.equal(both.json.protocol, 'TLSv1.3');
  });

  test('no certificate, or one OpenSSL cannot sign with under ECDSA-only algorithms: 400 no-certificate', async () => {
    const none = await probe(pki, port('java-required-a'), '/whoami');
    assert.equal(none.status, 400);
    assert.equal(none.json.verify, 'NONE');
    assert.equal(none.json.error, 'no-certificate');
    assert.deepEqual((await settledTranscript(() => judge.transcript('java-required-a', String(none.json.exchange))))?.clientCertificates, [], 'nothing received');
    // An RSA identity under ECDSA-only signature_algorithms: the client stack sends an empty Certificate.
    const rsa = await probe(pki, port('java-tls12-ecdsa-signatures'), '/whoami', { identity: pki.identities['rsa-a'] });
    assert.equal(rsa.status, 400);
    assert.equal(rsa.json.verify, 'NONE');
    const rsaOk = await probe(pki, port('java-tls12-rsa-signatures'), '/whoami', { identity: pki.identities['rsa-a'] });
    assert.equal(rsaOk.json.verify, 'SUCCESS');
  });

  test('failing chains: 400 certificate-error with OpenSSL\'s reason text', async () => {
    const expired = await probe(pki, port('java-required-a'), '/whoami', { identity: pki.identities.expired });
    assert.equal(expired.status, 400);
    assert.equal(expired.json.verify, 'FAILED:certificate has expired');
    assert.equal(expired.json.error, 'certificate-error');
    const wrongCa = await probe(pki, port('java-required-a'), '/whoami', { identity: pki.identities['ec-b'] });
    assert.equal(wrongCa.json.verify, 'FAILED:unable to get local issuer certificate');
    const selfSigned = await probe(pki, port('java-required-a'), '/whoami', { identity: pki.identities['self-signed'] });
    assert.equal(selfSigned.json.verify, 'FAILED:self-signed certificate');
    const serverAuth = await probe(pki, port('java-required-a'), '/whoami', { identity: pki.identities['server-auth-only'] });
    assert.equal(serverAuth.json.verify, 'FAILED:unsuitable certificate purpose');
  });

  test('issuer names spelled otherwise than the CA subject still chain (X500Principal)', async () => {
    const printable = pki.identities['rsa-a-printable-issuer'];
    const upper = pki.identities['ec-b-uppercase-issuer'];
    const a = await probe(pki, port('java-required-a'), '/whoami', { identity: printable });
    assert.equal(a.json.verify, 'SUCCESS', a.body);
    const b = await probe(pki, port('java-required-b'), '/whoami', { identity: upper });
    assert.equal(b.json.verify, 'SUCCESS', b.body);
    assert.equal(b.json.issuer, upper.issuer);
    assert.equal(b.json.issuer, 'CN=CONFORMANCE ROOT CA B,O=VOLTMX-CONFORMANCE');
  });

  test('/service echoes, keep-alive counts requests, unknown paths and /p12/ are 404', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const identity = pki.identities['rsa-a'];
      const first = await probe(pki, port('java-required-a'), '/service', { identity, agent, method: 'POST', body: 'a=1' });
      assert.equal(first.json.opstatus, 0);
      assert.equal(first.json.echo, 'a=1');
      assert.equal(first.json.method, 'POST');
      assert.equal(first.json.observation.connectionRequests, 1);
      const second = await probe(pki, port('java-required-a'), '/whoami', { identity, agent });
      assert.equal(second.json.connectionRequests, 2);
      assert.equal((await probe(pki, port('java-required-a'), '/nope', { identity })).status, 404);
      // Bundles come from the main fleet only, so an exposed fleet's /p12/ policy holds here too.
      assert.equal((await probe(pki, port('java-required-a'), `/p12/${pki.bundles['rsa-a.modern'].fileName}`, { identity })).status, 404);
    } finally {
      agent.destroy();
    }
    // The JVM's stderr arrives on its own pipe: wait for the line to come through it.
    await judge.whenLogged(/"GET \/whoami"/, 'java-required-a');
    assert.match(judge.logs('java-required-a'), /"GET \/whoami"/);
  });

  test('the JVM ends with its parent: when its stdin closes, as when the parent is killed', async () => {
    const script = `import { startJavaJudge } from ${JSON.stringify(new URL('./java-judge.ts', import.meta.url).href)};
      import { createTestPki } from ${JSON.stringify(new URL('../pki/create-test-pki.ts', import.meta.url).href)};
      const pki = await createTestPki({ dir: process.argv[1] });
      const judge = await startJavaJudge({ pki, workDir: process.argv[1], scenarios: [] });
      console.log('PID ' + judge.resources().pids[0]);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, join(workDir, 'orphan')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(workDir, 'orphan'), { recursive: true });
    const jvm = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.on('exit', () => reject(new Error(`parent exited before the judge started: ${out}`)));
    });
    parent.kill('SIGKILL');
    // The JVM is the killed parent's child, not ours: no 'exit' reaches us, so poll /proc (bounded).
    const gone = await waitFor('the orphaned JVM to end', () => (allProcesses().some((p) => p.pid === jvm) ? undefined : true), 10_000)
      .catch(() => false);
    if (!gone) process.kill(jvm, 'SIGKILL');
    assert.equal(gone, true, 'the JVM outlived its killed parent');
  });

  test('stop() ends the JVM it started; a dead JVM is a failure, never a verdict', async () => {
    const other = await startJavaJudge({ pki, workDir: join(workDir, 'second'), tools: await requireJava(), scenarios: [] });
    const [pid] = other.resources().pids;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await other.ended();
    assert.equal((await other.failure())?.code, 'PROCESS_EXITED');
    await other.stop();
    assert.equal(await judge.failure(), null);
  });
});

test('findJava: no javac means unavailable, with the reason and the Debian package', async () => {
  const none = await findJava({ PATH: '/nonexistent-voltmx-path' });
  assert.equal(none.available, false);
  assert.match(!none.available ? none.reason : '', /javac not found.*openjdk-17-jdk-headless/);
  await assert.rejects(requireJava({ PATH: '/nonexistent-voltmx-path' }), { code: 'JAVA_UNAVAILABLE' });
});
