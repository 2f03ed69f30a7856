/**
 * 9. Handshake recording: the embedded backend's scenario servers (every connection through
 * the HandshakeRecorder, then judgement, transcript and routing as in a conformance run) / a
 * plain node:https server with the same TLS options (the backend's serverOptions) answering
 * 200, nothing recorded. The figure is this process's CPU time per fresh handshake: the clients
 * run in a child process, so what this process spends is the server's.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { importOr, type BenchContext } from '../context.js';
import { ratioFigure, type Paired } from '../measure.js';
import type { Figure } from '../report.js';
import { spread } from '../stats.js';
import { HandshakeClients } from '../support/handshake-clients.js';
import type { HandshakeBatch, HandshakeBatchResult } from '../workers/handshake-client.js';
import type { BenchSection } from './types.js';

const TARGET = 1.3;
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
    const pki = await context.pki();
    const scenarioIds = [...new Set(ROWS.map((r) => r.scenario))];
    const fleet = await new ServerFleet(pki).withBackend('embedded').withScenarios(scenarioIds).start();
    const plain = new Map<string, Server>();
    let clients: HandshakeClients | undefined;
    try {
      for (const id of scenarioIds) plain.set(id, await startPlain(serverOptions(pki, SCENARIOS.find((s) => s.id === id)!)));
      clients = await HandshakeClients.start();
      const identity = pki.identities['rsa-a'];
      const figures: Figure[] = [];
      for (const row of ROWS) {
        const common = {
          version: row.version, ca: pki.serverCa.pem, concurrency: CONCURRENCY,
          ...(row.scenario === 'required-a' ? { identity: { key: identity.key.pem, cert: identity.chain.pem } } : {}),
        };
        const candidateUrl = fleet.url(row.scenario);
        const baselineUrl = `https://localhost:${(plain.get(row.scenario)!.address() as AddressInfo).port}/whoami`;
        const candidate = { ...common, url: candidateUrl };
        const baseline = { ...common, url: baselineUrl };
        // Both sides answer, on the asked version; the candidate recorded the CertificateRequest it sent.
        await checkCandidate(fleet, row, await clients.run({ ...candidate, count: 1 }));
        expectAnswer('plain node:https', row, await clients.run({ ...baseline, count: 1 }));
        const result = await measure(clients, { ...baseline, count: context.n(20, 100) }, { ...candidate, count: context.n(20, 100) }, context.n(3, 9));
        figures.push(ratioFigure(
          `recording embedded / plain node:https, ${row.label}`, 'plain node:https, same TLS options, no recording', result.cpu, TARGET,
          `server CPU ms per handshake; wall ${result.wall.candidateMs.median.toFixed(2)} vs ${result.wall.baselineMs.median.toFixed(2)} ms `
            + `(${result.wall.ratio.median.toFixed(2)}x; ${CONCURRENCY} in flight)`,
        ));
      }
      return figures;
    } finally {
      await clients?.close();
      for (const server of plain.values()) {
        server.close();
        server.closeAllConnections();
      }
      await fleet.stop();
    }
  },
};

async function startPlain(options: ReturnType<typeof import('../../servers/embedded/embedded-backend.js').serverOptions>): Promise<Server> {
  const server = createServer(options, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"plain":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

type Batch = Omit<HandshakeBatch, 'id'>;

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
