/**
 * 9. Handshake recording: what reading the CertificateRequest off the wire costs the embedded
 * backend. Targeted rows: a plain node:https server with the backend's TLS options
 * (serverOptions) and the HandshakeRecorder in front, as the backend hands connections over /
 * the same server without it. INFO rows: the whole embedded judge (recording, judgement,
 * transcript, routing as in a conformance run) / the plain server. The figure is this process's
 * CPU time per fresh handshake: the clients run in a child process, so what this process spends
 * is the server's.
 */
import { once } from 'node:events';
import { createServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { importOr, type BenchContext } from '../context.js';
import { ratioFigure, type Paired } from '../measure.js';
import type { Figure } from '../report.js';
import { spread } from '../stats.js';
import { HandshakeClients } from '../support/handshake-clients.js';
import type { HandshakeBatch, HandshakeBatchResult } from '../workers/handshake-client.js';
import type { BenchSection } from './types.js';

/** What recording the handshake may add to the server's CPU per handshake (JSStreamSocket, keylog, parsing). */
const TARGET = 1.5;
/** Handshakes in flight at once: enough to keep the server busy while the client works. */
const CONCURRENCY = 2;

interface Row {
  readonly scenario: 'required-a' | 'no-client-auth';
  readonly version: SecureVersion;
  readonly label: string;
}

const ROWS: readonly Row[] = [
  { scenario: 'required-a', version: 'TLSv1.2', label: 'TLS 1.2, client auth required (rsa-a)' },
  { scenario: 'required-a', version: 'TLSv1.3', label: 'TLS 1.3, client auth required (rsa-a)' },
  { scenario: 'no-client-auth', version: 'TLSv1.2', label: 'TLS 1.2, no client auth' },
  { scenario: 'no-client-auth', version: 'TLSv1.3', label: 'TLS 1.3, no client auth' },
];

interface PerHandshake { readonly cpuMs: number; readonly wallMs: number }

export const handshakeRecordingSection: BenchSection = {
  id: 'handshake-recording',
  number: 9,
  title: 'Handshake recording (embedded backend)',
  async run(context: BenchContext): Promise<Figure[]> {
    const { ServerFleet } = await importOr<typeof import('../../servers/fleet/server-fleet.js')>('servers/fleet/server-fleet.js', 'servers/fleet');
    const { serverOptions } = await importOr<typeof import('../../servers/embedded/embedded-backend.js')>('servers/embedded/embedded-backend.js', 'servers/embedded');
    const { SCENARIOS } = await importOr<typeof import('../../servers/scenarios/index.js')>('servers/scenarios/index.js', 'servers/scenarios');
    const { HandshakeRecorder } = await importOr<typeof import('../../servers/wire/handshake-recorder.js')>('servers/wire/handshake-recorder.js', 'servers/wire');
    const pki = await context.pki();
    const scenarioIds = [...new Set(ROWS.map((r) => r.scenario))];
    const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(scenarioIds).start();
    const plain = new Map<string, PlainServer>();
    const recorded = new Map<string, PlainServer>();
    let clients: HandshakeClients | undefined;
    try {
      for (const id of scenarioIds) {
        const options = serverOptions(pki, SCENARIOS.find((s) => s.id === id)!);
        plain.set(id, await startPlain(options));
        recorded.set(id, await startPlain(options, HandshakeRecorder));
      }
      clients = await HandshakeClients.start();
      const identity = pki.identities['rsa-a'];
      const count = context.n(20, 100);
      const rounds = context.n(3, 9);
      const targeted: Figure[] = [];
      const attribution: Figure[] = [];
      for (const row of ROWS) {
        const common = {
          version: row.version, ca: pki.serverCa.pem, concurrency: CONCURRENCY, count,
          ...(row.scenario === 'required-a' ? { identity: { key: identity.key.pem, cert: identity.chain.pem } } : {}),
        };
        const baseline = { ...common, url: `https://localhost:${plain.get(row.scenario)!.port}/whoami` };
        const candidate = { ...common, url: fleet.url(row.scenario) };
        const recorderOnly = { ...common, url: `https://localhost:${recorded.get(row.scenario)!.port}/whoami` };
        // Each side answers on the asked version; the embedded one recorded the CertificateRequest it sent.
        await checkCandidate(fleet, row, await clients.run({ ...candidate, count: 1 }));
        expectAnswer('plain node:https', row, await clients.run({ ...baseline, count: 1 }));
        expectAnswer('plain node:https with the recorder', row, await clients.run({ ...recorderOnly, count: 1 }));
        const alone = await measure(clients, baseline, recorderOnly, rounds);
        targeted.push(ratioFigure(
          `recorder / plain node:https, ${row.label}`, 'plain node:https, same TLS options, no recording', alone.cpu, TARGET, wallNote(alone.wall),
        ));
        const whole = await measure(clients, baseline, candidate, rounds);
        attribution.push(ratioFigure(
          `whole embedded judge / plain node:https, ${row.label}`, 'plain node:https, same TLS options, no recording', whole.cpu, undefined, wallNote(whole.wall),
        ));
      }
      return [...targeted, ...attribution];
    } finally {
      await clients?.close();
      for (const server of [...plain.values(), ...recorded.values()]) server.close();
      await fleet.stop();
    }
  },
};

type TlsOptions = ReturnType<typeof import('../../servers/embedded/embedded-backend.js').serverOptions>;
type Recorder = typeof import('../../servers/wire/handshake-recorder.js').HandshakeRecorder;

interface PlainServer { readonly port: number; close(): void }

/**
 * node:https answering 200 to everything. With a recorder, connections come through it as in
 * the embedded backend (a TCP listener hands each one over), with nothing else of that backend:
 * what recording alone costs.
 */
async function startPlain(options: TlsOptions, recorder?: Recorder): Promise<PlainServer> {
  const server = createServer(options, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"plain":true}');
  });
  if (!recorder) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { port: (server.address() as AddressInfo).port, close: () => { server.close(); server.closeAllConnections(); } };
  }
  const recording = new recorder(server);
  const sockets = new Set<Socket>();
  const listener = createTcpServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    server.emit('connection', recording.wrap(socket));
  });
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  return {
    port: (listener.address() as AddressInfo).port,
    close: () => { listener.close(); server.close(); for (const socket of sockets) socket.destroy(); },
  };
}

type Batch = Omit<HandshakeBatch, 'id'>;

const wallNote = (wall: Paired): string =>
  `server CPU ms per handshake; wall ${wall.candidateMs.median.toFixed(2)} vs ${wall.baselineMs.median.toFixed(2)} ms `
  + `(${wall.ratio.median.toFixed(2)}x; ${CONCURRENCY} in flight)`;

/** Alternating rounds (measure.ts's pairing), with the server's CPU and the wall time of each batch. */
async function measure(clients: HandshakeClients, baseline: Batch, candidate: Batch, rounds: number): Promise<{ cpu: Paired; wall: Paired }> {
  const side = async (batch: Batch): Promise<PerHandshake> => {
    const before = process.cpuUsage();
    const result = await clients.run(batch);
    const used = process.cpuUsage(before);
    if (result.failures > 0) throw new Error(`${result.failures} of ${batch.count} handshakes to ${batch.url} failed: ${result.firstError}`);
    return { cpuMs: (used.user + used.system) / 1000 / batch.count, wallMs: result.wallMs / batch.count };
  };
  const warmup = Math.max(5, Math.floor(baseline.count / 4));
  await side({ ...baseline, count: warmup });
  await side({ ...candidate, count: warmup });
  const base: PerHandshake[] = [];
  const cand: PerHandshake[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) { base.push(await side(baseline)); cand.push(await side(candidate)); } else { cand.push(await side(candidate)); base.push(await side(baseline)); }
  }
  const pair = (key: keyof PerHandshake): Paired => ({
    ratio: spread(cand.map((c, i) => c[key] / base[i]![key])),
    baselineMs: spread(base.map((b) => b[key])),
    candidateMs: spread(cand.map((c) => c[key])),
  });
  return { cpu: pair('cpuMs'), wall: pair('wallMs') };
}

function expectAnswer(what: string, row: Row, answer: HandshakeBatchResult): void {
  if (answer.failures > 0 || answer.status !== 200) throw new Error(`${what} ${row.scenario} did not answer 200 (${answer.status}: ${answer.firstError ?? ''})`);
  if (answer.protocol !== row.version) throw new Error(`${what} ${row.scenario} negotiated ${answer.protocol}, not ${row.version}`);
}

async function checkCandidate(
  fleet: import('../../servers/fleet/server-fleet.js').StartedServerFleet, row: Row, answer: HandshakeBatchResult,
): Promise<void> {
  expectAnswer('embedded', row, answer);
  const observation = JSON.parse(answer.body) as { exchange?: string; verify?: string };
  const wanted = row.scenario === 'required-a' ? 'SUCCESS' : 'NONE';
  if (observation.verify !== wanted) throw new Error(`embedded ${row.scenario} judged verify=${observation.verify}, not ${wanted}`);
  const transcript = await fleet.settledTranscript(row.scenario, observation.exchange ?? '');
  if (!transcript) throw new Error(`embedded ${row.scenario} kept no transcript of exchange ${observation.exchange}`);
  // The figure is only about recording if the recording worked: required-a's request was read off the wire.
  const recorded = transcript.certificateRequest !== null && transcript.source.certificateRequest === 'handshake';
  if (row.scenario === 'required-a' ? !recorded : transcript.certificateRequest !== null) {
    throw new Error(`embedded ${row.scenario} transcript: certificateRequest ${JSON.stringify(transcript.certificateRequest)}, unfilled ${transcript.unfilled.join('; ')}`);
  }
}
