import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPOSITORY_ROOT } from '../../../servers/pki/persistent/index.js';
import { freePortRange } from '../../../servers/fleet/testing/free-port-range.js';
import { fleetPortsNeeded } from '../../../servers/fleet/server-fleet.js';
import { findJavaSync } from '../../../servers/java/java-tools.js';
import { SCENARIOS } from '../../../servers/scenarios/catalog.js';
import { main } from '../main.js';
import { parseCommandLine } from '../parse-command-line.js';
import { pkiShowCommand } from './pki-command.js';
import { serversUpCommand } from './servers-up-command.js';
import { persistentPkiCheck, persistentPkiChecks, withRunSetupChecks } from './run-setup-checks.js';

// The PKI folder and every export live in one private temp folder, removed afterwards.
let work: string;
let dir: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'voltmx-pki-cli-test-'));
  dir = join(work, 'pki');
});
after(async () => { await rm(work, { recursive: true, force: true }); });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** GET over real TLS, trusting only `ca`, SNI `servername`. */
function get(port: number, servername: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/whoami', servername, ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('voltmx-conformance pki', () => {
  test('--pki takes an optional folder', () => {
    const values = (argv: string[]) => { const p = parseCommandLine(argv); assert.equal(p.kind, 'command'); return p.kind === 'command' ? p.values : {}; };
    assert.equal(values(['run', '--pki']).pki, '');
    assert.equal(values(['run', '--pki', '--device', 'reference-ios']).pki, '');
    assert.equal(values(['run', '--pki', 'somewhere']).pki, 'somewhere');
    assert.equal(values(['servers', 'up', '--pki']).pki, '');
    assert.equal(values(['run']).pki, undefined);
    assert.deepEqual(values(['run', '--host', 'a.example', '--host', '192.0.2.1']).host, ['a.example', '192.0.2.1']);
  });

  test('a missing PKI is an error that says the command to run (exit 2); so is a folder inside the repository', async () => {
    for (const argv of [['pki', 'export', '--format', 'pem', '--out', join(work, 'x.pem'), '--dir', dir], ['servers', 'up', '--pki', dir]]) {
      const { io, err } = capture();
      assert.equal(await main(argv, io), 2, argv.join(' '));
      assert.match(err.join('\n'), /error \[PKI_NOT_INITIALIZED\]: no persistent test PKI in .*; fix: npx voltmx-conformance pki init --dir/);
    }
    const show = capture();
    assert.equal(await main(['pki', 'show', '--dir', dir, '--json'], show.io), 1);
    assert.equal(JSON.parse(show.out.join('')).state, 'missing');
    const inside = capture();
    assert.equal(await main(['pki', 'init', '--dir', join(REPOSITORY_ROOT, 'my-pki')], inside.io), 2);
    assert.match(inside.err.join('\n'), /PKI_IN_REPOSITORY/);
  });

  test('init (idempotent), show --json, export pem / android; bad options are usage errors', async () => {
    const first = capture();
    assert.equal(await main(['pki', 'init', '--dir', dir], first.io), 0);
    assert.match(first.out.join('\n'), /^created the persistent test PKI in /);
    const again = capture();
    assert.equal(await main(['pki', 'init', '--dir', dir], again.io), 0);
    assert.match(again.out.join('\n'), /^kept the existing persistent test PKI/);
    assert.equal(/SHA-256: (\w+)/.exec(first.out.join('\n'))?.[1], /SHA-256: (\w+)/.exec(again.out.join('\n'))?.[1]);

    const show = capture();
    assert.equal(await main(['pki', 'show', '--dir', dir, '--json'], show.io), 0);
    const json = JSON.parse(show.out.join(''));
    assert.equal(json.dir, dir);
    assert.equal(json.serverCa, join(dir, 'server-ca.crt'));
    assert.equal(json.state, 'ready');
    assert.equal(json.serverCaSha256, new X509Certificate(await readFile(json.serverCa)).fingerprint256.replace(/:/g, '').toLowerCase());
    assert.ok(Date.parse(json.notAfter) > Date.now());
    // The default folder comes from VOLTMX_PKI_DIR.
    const byEnv = capture();
    assert.equal(await pkiShowCommand({ json: true }, byEnv.io, { VOLTMX_PKI_DIR: dir }), 0);
    assert.equal(JSON.parse(byEnv.out.join('')).serverCaSha256, json.serverCaSha256);

    const android = capture();
    assert.equal(await main(['pki', 'export', '--format', 'android', '--out', join(work, 'app'), '--dir', dir], android.io), 0);
    assert.match(await readFile(join(work, 'app', 'res', 'xml', 'network_security_config.xml'), 'utf8'), /@raw\/voltmx_test_ca/);
    const bundle = capture();
    assert.equal(await main(['pki', 'export', '--format', 'bundle', '--out', join(work, 'assets'), '--dir', dir], bundle.io), 0, bundle.err.join('\n'));
    assert.deepEqual((await readdir(join(work, 'assets'))).sort(), ['ec-b.legacy.p12', 'ec-b.modern.p12', 'rsa-a.legacy.p12', 'rsa-a.modern.p12']);
    const printed = bundle.out.join('\n');
    assert.match(printed, /next: Android: .*assets\//);
    assert.match(printed, /next: iOS: .*bundle/);
    assert.ok(!printed.includes((await readFile(join(dir, 'bundled.password'), 'utf8')).trim()), 'the password is never printed');
    const shown = capture();
    assert.equal(await main(['pki', 'show', '--dir', dir], shown.io), 0);
    assert.match(shown.out.join('\n'), /bundled set \(CA-LOAD-BUNDLED\): present \(rsa-a\.modern\.p12, rsa-a\.legacy\.p12, ec-b\.modern\.p12, ec-b\.legacy\.p12\)/);
    assert.equal(json.bundledSet, 'present');
    for (const bad of [['pki', 'export', '--format', 'p12', '--out', 'x', '--dir', dir], ['pki', 'export', '--format', 'pem', '--dir', dir]]) {
      assert.equal(await main(bad, capture().io), 2, bad.join(' '));
    }
  });

  test('init --expect-ca: the CA the app trusts survives, or init fails loudly (exit 2, nothing created) saying the fix', async () => {
    const ciDir = join(work, 'ci-pki');
    const sha = 'a'.repeat(64);
    const missing = capture();
    assert.equal(await main(['pki', 'init', '--dir', ciDir, '--expect-ca', sha], missing.io), 2);
    assert.match(missing.err.join('\n'), /no persistent test PKI in .*would create a new server CA.*Fix: restore the PKI folder the app was built with/s);
    assert.equal(existsSync(ciDir), false, 'nothing created');
    const created = capture();
    assert.equal(await main(['pki', 'init', '--dir', ciDir], created.io), 0);
    const real = /SHA-256: (\w+)/.exec(created.out.join('\n'))![1]!;
    // The same CA: kept; as `pki show` prints it, or with colons and a prefix.
    const colons = `sha256:${real.toUpperCase().match(/../g)!.join(':')}`;
    for (const expected of [real, colons]) {
      const kept = capture();
      assert.equal(await main(['pki', 'init', '--dir', ciDir, '--expect-ca', expected], kept.io), 0, kept.err.join('\n'));
      assert.match(kept.out.join('\n'), /^kept the existing persistent test PKI/);
    }
    const other = capture();
    assert.equal(await main(['pki', 'init', '--dir', ciDir, '--expect-ca', sha], other.io), 2);
    assert.match(other.err.join('\n'), new RegExp(`has server CA SHA-256 ${real}, not the one the app was built to trust.*rebuild the app for this CA`, 's'));
    const bad = capture();
    assert.equal(await main(['pki', 'init', '--dir', ciDir, '--expect-ca', 'abc'], bad.io), 2);
    assert.match(bad.err.join('\n'), /64 hex digits/);
  });

  test('two `servers up --pki` sessions: servers chain to the CA `pki export --format pem` wrote (real TLS); --host and --ports apply', { timeout: 120_000 }, async () => {
    const exported = join(work, 'exported-ca.pem');
    assert.equal(await main(['pki', 'export', '--format', 'pem', '--out', exported, '--dir', dir], capture().io), 0);
    const trusted = await readFile(exported, 'utf8');
    const leaves: string[] = [];
    for (let session = 0; session < 2; session += 1) {
      const out: string[] = [];
      let stop!: () => void;
      const stopSignal = new Promise<void>((resolve) => (stop = resolve));
      let ready!: () => void;
      const isReady = new Promise<void>((resolve) => (ready = resolve));
      const io = { out: (t: string) => { out.push(t); if (t.startsWith('ready')) ready(); }, err: () => {} };
      // The plan covers the Java judge's scenarios too when javac is there (servers up starts it).
      const needed = fleetPortsNeeded(SCENARIOS.length, findJavaSync());
      const from = await freePortRange(needed);
      const finished = serversUpCommand({ servers: 'embedded', pki: dir, host: ['lab-host.example'], bind: '127.0.0.1', ports: `${from}-${from + needed - 1}` }, io, stopSignal);
      await Promise.race([isReady, finished]);
      const text = out.join('\n');
      assert.match(text, new RegExp(`server CA \\(what the app must trust\\): ${join(dir, 'server-ca.crt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.doesNotMatch(text, /WARNING/, 'loopback: no exposure warning');
      const port = Number(/no-client-auth\s+https:\/\/lab-host\.example:(\d+)\/whoami/.exec(text)?.[1]);
      assert.equal(port, from + SCENARIOS.findIndex((s) => s.id === 'no-client-auth'), text);
      // SNI lab-host.example: the --host name is in the server certificate.
      const res = await get(port, 'lab-host.example', trusted);
      assert.equal(res.status, 200);
      leaves.push(await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/whoami', servername: 'localhost', ca: trusted, agent: false }, (r) => {
          resolve((r.socket as import('node:tls').TLSSocket).getPeerX509Certificate()!.fingerprint256);
          r.resume();
        });
        req.on('error', reject);
        req.end();
      }));
      stop();
      assert.equal(await finished, 0);
    }
    assert.notEqual(leaves[0], leaves[1], 'fresh leaves per session, one CA');
  });

  test('bad --bind, --ports and --host are usage errors before anything starts', async () => {
    const cases = [
      ['servers', 'up', '--bind', 'lab-host.example'], ['servers', 'up', '--ports', '9000'],
      ['run', '--ports', '9000-9001', '--report-dir', join(work, 'reports')], ['run', '--host', 'bad_name!', '--report-dir', join(work, 'reports')],
    ];
    for (const argv of cases) {
      const { io, err } = capture();
      assert.equal(await main(argv, io), 2, `${argv.join(' ')}: ${err.join('\n')}`);
      assert.match(err.join('\n'), /^error: --(bind|ports|host)/);
    }
  });

  test('run on a real-device profile without a persistent PKI: says why and the fix, exit 2, nothing started', async () => {
    const saved = process.env.VOLTMX_PKI_DIR;
    process.env.VOLTMX_PKI_DIR = join(work, 'no-pki-here');
    try {
      const { io, err } = capture();
      assert.equal(await main(['run', '--device', 'android-emulator', '--report-dir', join(work, 'never')], io), 2);
      const text = err.join('\n');
      assert.match(text, /android-emulator: the app trusts the persistent test PKI's server CA, so this run uses .*no-pki-here/);
      assert.match(text, /error \[PKI_NOT_INITIALIZED\].*fix: npx voltmx-conformance pki init --dir/);
      assert.equal(existsSync(join(work, 'never')), false, 'no report folder: the run never started');
    } finally {
      if (saved === undefined) delete process.env.VOLTMX_PKI_DIR;
      else process.env.VOLTMX_PKI_DIR = saved;
    }
  });

  test('doctor: the persistent PKI state and expiry; a missing one is a gap of the real-device profiles', async () => {
    const ready = await persistentPkiCheck({ VOLTMX_PKI_DIR: dir });
    assert.equal(ready.ok, true);
    // The bundled set: its own check, optional (never a profile's gap), with the fix when absent.
    const [, bundled] = await persistentPkiChecks({ VOLTMX_PKI_DIR: dir });
    assert.deepEqual([bundled?.id, bundled?.ok], ['persistent-pki-bundled', true]);
    const oldDir = join(work, 'old-pki');
    assert.equal(await main(['pki', 'init', '--dir', oldDir], capture().io), 0);
    for (const f of ['bundled', 'bundled.json', 'bundled.password']) await rm(join(oldDir, f), { recursive: true });
    const [pkiOld, absent] = await persistentPkiChecks({ VOLTMX_PKI_DIR: oldDir });
    assert.deepEqual([pkiOld?.ok, absent?.ok], [true, false]);
    assert.match(absent?.fix ?? '', /pki init --dir .*adds the bundled set.*pki export --format bundle/);
    const oldReport = await withRunSetupChecks({ checks: [], profiles: [{ profile: 'android-emulator', ready: true, gaps: [] }] }, { VOLTMX_PKI_DIR: oldDir });
    assert.equal(oldReport.profiles[0]?.ready, true, 'the optional set is no gap');
    const added = capture();
    assert.equal(await main(['pki', 'init', '--dir', oldDir], added.io), 0);
    assert.match(added.out.join('\n'), /^kept the roots of the persistent test PKI in .* \(unchanged\) and added its bundled set/);
    assert.match(ready.detail, /valid until \d{4}-.*\(\d+ days\)/);
    const missing = await persistentPkiCheck({ VOLTMX_PKI_DIR: join(work, 'none') });
    assert.equal(missing.ok, false);
    assert.match(missing.fix ?? '', /pki init --dir/);
    const report = await withRunSetupChecks({
      checks: [{ id: 'adb', title: 'adb', ok: false, detail: 'none', fix: 'get adb' }],
      profiles: [
        { profile: 'reference-android', ready: true, gaps: [] },
        { profile: 'android-emulator', ready: true, gaps: [] },
      ],
    }, { VOLTMX_PKI_DIR: join(work, 'none') });
    assert.deepEqual(report.profiles.map((p) => [p.profile, p.ready]), [['reference-android', true], ['android-emulator', false]]);
    assert.equal(report.checks.find((c) => c.id === 'adb-reverse')?.fix, 'get adb');
  });
});
