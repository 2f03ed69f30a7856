import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { probeJudgeCertificateRequest } from './transcript-probe.js';
import { TranscriptProbes } from './probed-transcripts.js';
import type { HandshakeTranscript } from '../backend-kit/types.js';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** What nginx's transcript holds before the probe: the configuration's request, the lists left open. */
const configured: HandshakeTranscript = {
  exchange: 'e'.repeat(32), server: 'required-a', backend: 'nginx', tlsVersion: 'TLSv1.2', resumed: false,
  certificateRequest: { caNames: ['CN=Conformance Root CA A,O=voltmx-conformance'], signatureAlgorithms: [], certificateTypes: [] },
  clientCertificates: [],
  source: { tlsVersion: 'handshake', resumed: 'handshake', certificateRequest: 'configuration', clientCertificates: 'handshake' },
  unfilled: ['certificateRequest.signatureAlgorithms (OpenSSL default list)', 'certificateRequest.certificateTypes (OpenSSL default)'],
};

test('a probe to a closed port: a typed CONNECT_FAILED at once, and the transcript falls back to the configuration saying why', async () => {
  const port = await closedPort();
  const started = Date.now();
  const outcome = await probeJudgeCertificateRequest(port, 'TLSv1.3');
  assert.equal(outcome.ok ? 'ok' : outcome.error.code, 'CONNECT_FAILED');
  assert.match(outcome.ok ? '' : outcome.error.message, /ECONNREFUSED/);
  assert.ok(Date.now() - started < 2_000);
  const fallback = await new TranscriptProbes().complete(configured, port);
  assert.deepEqual(fallback.certificateRequest, configured.certificateRequest);
  assert.equal(fallback.source.certificateRequest, 'configuration');
  assert.deepEqual(fallback.unfilled.slice(0, 2), configured.unfilled);
  assert.match(fallback.unfilled[2]!, /^certificateRequest from the configuration: probe failed \(CONNECT_FAILED: .*ECONNREFUSED/);
});

test('a server that never answers: TIMEOUT within the bound', async () => {
  // A TCP listener that accepts and stays silent (no TLS server behind it).
  const accepted: Socket[] = [];
  const silent = createServer((socket) => { accepted.push(socket); });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  try {
    const started = Date.now();
    const outcome = await probeJudgeCertificateRequest((silent.address() as AddressInfo).port, 'TLSv1.2', { timeoutMs: 300 });
    assert.equal(outcome.ok ? 'ok' : outcome.error.code, 'TIMEOUT');
    assert.ok(Date.now() - started < 2_000);
  } finally {
    for (const socket of accepted) socket.destroy();
    silent.close();
  }
});

test('a connection reset before or during the server\'s flight: a typed result, never a throw', async () => {
  // Resets as soon as the ClientHello arrives; or sends half a ServerHello first, then resets.
  const reset = createServer((socket) => { socket.once('data', () => socket.resetAndDestroy()); });
  const half = createServer((socket) => {
    // The reset once the half record has left (its write callback): the client reads the bytes, then the reset.
    socket.once('data', () => { socket.write(Buffer.from([22, 3, 3, 0, 10, 2, 0, 0]), () => socket.resetAndDestroy()); });
  });
  for (const server of [reset, half]) { server.listen(0, '127.0.0.1'); await once(server, 'listening'); }
  try {
    const early = await probeJudgeCertificateRequest((reset.address() as AddressInfo).port, 'TLSv1.3');
    assert.equal(early.ok ? 'ok' : early.error.code, 'CONNECT_FAILED');
    const late = await probeJudgeCertificateRequest((half.address() as AddressInfo).port, 'TLSv1.2');
    assert.deepEqual(late.ok ? 'ok' : [late.error.code, /TRUNCATED/.test(late.error.message)], ['UNREADABLE', true]);
  } finally {
    reset.close();
    half.close();
  }
});

test('what is not the configuration\'s is left alone: read off the exchange, resumed, or no request', async () => {
  const port = await closedPort();
  const probes = new TranscriptProbes();
  for (const transcript of [
    { ...configured, source: { ...configured.source, certificateRequest: 'handshake' as const } },
    { ...configured, resumed: true, certificateRequest: null },
    { ...configured, certificateRequest: null, unfilled: [] },
  ]) assert.equal(await probes.complete(transcript, port), transcript);
});

test('a failed probe is not repeated for every later transcript of that server', async () => {
  let connections = 0;
  const silent = createServer((socket) => { connections += 1; socket.destroy(); });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  try {
    const port = (silent.address() as AddressInfo).port;
    const probes = new TranscriptProbes();
    const [first, second] = [await probes.request(port, 'TLSv1.3'), await probes.request(port, 'TLSv1.3')];
    assert.equal(first.ok, false);
    assert.equal(second, first);
    assert.equal(connections, 1);
  } finally {
    silent.close();
  }
});
