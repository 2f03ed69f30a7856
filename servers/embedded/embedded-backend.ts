import { constants, createHash, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type ServerOptions } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Pkcs12Bundle, TestPki } from '../pki/types.js';
import type { Scenario } from '../scenarios/types.js';
import { ECDSA_SIGALGS, serverCredentialOf } from '../scenarios/catalog.js';
import { SERVE_ALL, servesBundle, servesDownloads } from '../scenarios/downloads.js';
import { PORT_ATTEMPTS } from '../backend-kit/free-ports.js';
import { buildTranscript, newExchangeId, TranscriptStore, type ConfiguredRequest } from '../backend-kit/transcript.js';
import type {
  BackendFailure, BackendPlan, HandshakeTranscript, BackendResources, FleetBackend, ScenarioEndpoint, StartedBackend,
} from '../backend-kit/types.js';
import { HandshakeRecorder, type CertificateRequestReading } from '../wire/index.js';
import { judgeConnection, type ConnectionJudgement } from './observation.js';
import { route } from './routes.js';

export const NGINX_KEEPALIVE_TIMEOUT_MS = 75_000;

/** node:https servers in this process, one per scenario, judging clients like nginx. */
export class EmbeddedBackend implements FleetBackend {
  readonly name = 'embedded' as const;

  async start(plan: BackendPlan): Promise<StartedBackend> {
    const listen = plan.listen ?? ['127.0.0.1'];
    const downloads = plan.downloads ?? SERVE_ALL;
    const servers = await Promise.allSettled(plan.scenarios.map((s, i) => {
      const bundles = servesDownloads(downloads, s.id) ? Object.values(plan.pki.bundles).filter((b) => servesBundle(downloads, b.name)) : [];
      return startScenario(plan.pki, s, { listen, port: plan.ports?.[i] ?? 0, bundles });
    }));
    const started = servers.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = servers.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((s) => s.close()));
      throw failed.reason;
    }
    return new StartedEmbeddedBackend(started);
  }
}

interface RunningScenario {
  readonly endpoint: ScenarioEndpoint;
  /** Plain TCP listeners handing each connection to the TLS server through the recorder. */
  readonly listeners: readonly TcpServer[];
  readonly log: string[];
  readonly transcripts: TranscriptStore;
  closedUnexpectedly: boolean;
  close(): Promise<void>;
}

class StartedEmbeddedBackend implements StartedBackend {
  readonly endpoints: readonly ScenarioEndpoint[];
  private stopped = false;

  constructor(private readonly running: readonly RunningScenario[]) {
    this.endpoints = running.map((r) => r.endpoint);
  }

  resources(): BackendResources {
    return { pids: [], containerIds: [] };
  }

  async failure(): Promise<BackendFailure | null> {
    const dead = this.running.find((r) => r.closedUnexpectedly || r.listeners.some((l) => !l.listening));
    return dead && !this.stopped
      ? { code: 'SERVER_CLOSED', detail: `embedded server ${dead.endpoint.scenario} stopped listening` }
      : null;
  }

  logs(scenario?: string): string {
    return this.running
      .filter((r) => scenario === undefined || r.endpoint.scenario === scenario)
      .flatMap((r) => r.log)
      .join('\n');
  }

  transcript(scenario: string, exchange: string): HandshakeTranscript | null {
    return this.running.find((r) => r.endpoint.scenario === scenario)?.transcripts.get(exchange) ?? null;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.running.map((r) => r.close()));
  }
}

interface ListenPlan {
  readonly listen: readonly string[];
  /** 0: any free port (then the further addresses take the same one). */
  readonly port: number;
  /** What /p12/ serves on this scenario. */
  readonly bundles: readonly Pkcs12Bundle[];
}

async function startScenario(pki: TestPki, scenario: Scenario, plan: ListenPlan): Promise<RunningScenario> {
  const trusted = scenario.trustedCas.map((name) => new X509Certificate(pki.cas[name].certificate.pem));
  // Node advertises every `ca` it trusts; a scenario trusting more than it advertises is
  // verified by hand (see manual-chain-verifier.ts).
  const manualVerify = !sameSet(scenario.advertisedCas, scenario.trustedCas);
  const server = createServer(serverOptions(pki, scenario));
  const recorder = new HandshakeRecorder(server);
  const log: string[] = [];
  const transcripts = new TranscriptStore();
  const judgements = new WeakMap<TLSSocket, ConnectionJudgement>();
  const requestCounts = new WeakMap<TLSSocket, number>();
  const sessions = new Map<string, Buffer>();
  if (scenario.sessionCache) {
    server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
      sessions.set(id.toString('hex'), data);
      done();
    });
    server.on('resumeSession', (id: Buffer, done: (err: Error | null, data: Buffer | null) => void) => {
      done(null, sessions.get(id.toString('hex')) ?? null);
    });
  }
  server.on('request', (req, res) => {
    const socket = req.socket as TLSSocket;
    let judgement = judgements.get(socket);
    if (!judgement) {
      judgement = judgeConnection(socket, scenario, trusted, manualVerify);
      judgements.set(socket, judgement);
    }
    const count = (requestCounts.get(socket) ?? 0) + 1;
    requestCounts.set(socket, count);
    const exchange = newExchangeId();
    log.push(`${new Date().toISOString()} ${req.method} ${req.url} verify=${judgement.observation.verify} requests=${count} exchange=${exchange}`);
    const { protocol, sessionReused } = judgement.observation;
    transcripts.add(buildTranscript({
      exchange, server: scenario.id, backend: 'embedded', tlsVersion: protocol, resumed: sessionReused,
      chain: judgement.chain, configured: sentRequest(recorder.reading(socket), sessionReused), requestSource: 'handshake',
    }));
    route(req, res, judgement, count, plan.bundles, exchange).catch((error: unknown) => {
      log.push(`error: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('tlsClientError', (error) => log.push(`tls error: ${error.message}`));
  // nginx's keepalive_timeout default: a kept-alive connection survives a slow client as long.
  server.keepAliveTimeout = scenario.keepAliveTimeoutMs ?? NGINX_KEEPALIVE_TIMEOUT_MS;
  // No listening of its own: every address hands its connections over through the recorder.
  const connections = new Set<Socket>();
  const accept = (socket: Socket): void => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    server.emit('connection', recorder.wrap(socket));
  };
  const listeners = await listenEverywhere(plan, accept);
  const port = (listeners[0]!.address() as AddressInfo).port;
  // node:http starts its connection tracking (closeAllConnections, request timeouts) on 'listening'.
  server.emit('listening');
  const running: RunningScenario = {
    endpoint: { scenario: scenario.id, port, origin: `https://localhost:${port}` },
    listeners,
    log,
    transcripts,
    closedUnexpectedly: false,
    close: async () => {
      const open = listeners.filter((l) => l.listening);
      const closed = open.map((l) => {
        l.removeAllListeners('close');
        return once(l, 'close');
      });
      for (const listener of open) listener.close();
      server.close();
      server.closeAllConnections();
      for (const socket of connections) socket.destroy();
      await Promise.all(closed);
    },
  };
  for (const listener of listeners) listener.on('close', () => { running.closedUnexpectedly = true; });
  return running;
}

/**
 * One listener per address, all on one port. With no port given the first address picks one
 * and the others take it; when another process holds it on a further address, all start again
 * on a new one (never with the user's own port).
 */
async function listenEverywhere(plan: ListenPlan, accept: (socket: Socket) => void): Promise<TcpServer[]> {
  for (let attempt = 1; ; attempt += 1) {
    const listeners: TcpServer[] = [];
    let port = plan.port;
    try {
      for (const host of plan.listen) {
        // noDelay as nginx's tcp_nodelay (and as node:http sets on the sockets it accepts itself).
        const listener = createTcpServer({ noDelay: true }, accept);
        listeners.push(listener);
        listener.listen({ port, host, ipv6Only: host === '::' });
        await once(listener, 'listening');
        port = (listener.address() as AddressInfo).port;
      }
      return listeners;
    } catch (error) {
      for (const listener of listeners) listener.close();
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!taken || plan.port !== 0 || listeners.length < 2 || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/** The CertificateRequest as sent on the wire: never the configuration's guess. */
function sentRequest(reading: CertificateRequestReading | null, resumed: boolean): ConfiguredRequest {
  // No recording matched this connection (should not happen): a resumed handshake carries none anyway.
  if (reading === null) return { request: null, unfilled: resumed ? [] : ['certificateRequest (no recording matched this connection)'] };
  if (!reading.ok) return { request: null, unfilled: [`certificateRequest (the recorded handshake could not be read: ${reading.error.code})`] };
  const sent = reading.request;
  return {
    request: sent && {
      caNames: [...sent.caNames],
      signatureAlgorithms: [...sent.signatureAlgorithms],
      ...(sent.certificateTypes ? { certificateTypes: [...sent.certificateTypes] } : {}),
    },
    unfilled: [],
  };
}

/** A scenario's TLS options; exported so the bench's baseline is the same server without the recorder. */
export function serverOptions(pki: TestPki, scenario: Scenario): ServerOptions {
  const advertised = scenario.advertisedCas.map((name) => pki.cas[name].certificate.pem);
  const credential = pki[serverCredentialOf(scenario)];
  return {
    key: credential.key.pem,
    cert: credential.certificate.pem,
    requestCert: scenario.clientAuth !== 'off',
    // Verification failures become HTTP 400 like nginx's, not TLS alerts.
    rejectUnauthorized: false,
    ...(advertised.length > 0 ? { ca: advertised } : {}),
    // Node has no client-only list: sigalgs restricts the CertificateRequest (and OpenSSL
    // derives TLS 1.2 certificate_types from it) and this server's own signature too, hence
    // the EC server credential such scenarios must use.
    ...(scenario.acceptedClientKeys === 'ECDSA' ? { sigalgs: ECDSA_SIGALGS } : {}),
    minVersion: scenario.protocols[0],
    maxVersion: scenario.protocols[scenario.protocols.length - 1],
    secureOptions: scenario.sessionTickets ? 0 : constants.SSL_OP_NO_TICKET,
    sessionIdContext: createHash('sha256').update(scenario.id).digest('hex').slice(0, 32),
    ...(scenario.sessionTimeoutS !== undefined ? { sessionTimeout: scenario.sessionTimeoutS } : {}),
  };
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
