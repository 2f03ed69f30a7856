/**
 * The loaded client certificate of one app launch, as generations: each generation is the
 * identities of one successful load plus the agent that presents them. A load swaps the
 * generation in one synchronous step, so every request started after load() returns gets
 * the new agent, and a fresh agent has no pooled socket or TLS session of any older identity.
 * The old agent is retired as soon as no lease holds it: its idle sockets close at once, and
 * the requests it already admitted (connecting or in flight) finish on it, since a retired
 * agent only refuses new requests. A lease therefore only has to span the gap between taking
 * the generation and handing the request to the agent (e.g. while a FormData body encodes),
 * so a request started before a load never meets a retired agent.
 */
import type { Agent } from 'node:https';
import type { ClientIdentity, Pkcs12Contents } from './client-identity.js';
import type { Platform } from '../runtime/contract.js';
import { CertificateLoadError, LoadFailureCode } from './load-failure.js';
import { ReferenceLayerError } from '../runtime/reference-error.js';

/** An https.Agent that can be retired (reference/tls/client-certificate-agent.ts). */
export type CredentialAgent = Agent & { retire(): unknown };

export interface AgentOptions {
  platform: Platform;
  identities: readonly ClientIdentity[];
  ca: string[];
}

export interface CredentialStoreDependencies {
  platform: Platform;
  ca: string[];
  decodePkcs12(data: Uint8Array, password: string): Pkcs12Contents;
  createAgent(options: AgentOptions): CredentialAgent;
}

export interface Generation {
  /** 0 for the launch's initial no-certificate generation, then 1, 2, ... */
  readonly number: number;
  readonly identities: readonly ClientIdentity[];
  readonly agent: CredentialAgent;
}

/** One request's hold on a generation; release() once its agent has admitted the request (or it failed before). */
export interface Lease {
  readonly generation: Generation;
  release(): void;
}

interface Tracked {
  readonly generation: Generation;
  active: number;
  replaced: boolean;
  retired: boolean;
}

/**
 * A lease on a tracked generation: the last release of a replaced generation retires its agent.
 * A class rather than a closure per request (code run through tsx names every closure it makes).
 */
class TrackedLease implements Lease {
  private released = false;
  constructor(private readonly tracked: Tracked, private readonly retire: (tracked: Tracked) => void) {}

  get generation(): Generation {
    return this.tracked.generation;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.tracked.active--;
    if (this.tracked.replaced && this.tracked.active === 0) this.retire(this.tracked);
  }
}

export class CredentialStoreShutDownError extends ReferenceLayerError {
  readonly code = 'RUNTIME_SHUT_DOWN';
  constructor(message = 'the runtime was shut down') {
    super(message);
  }
}

export class CredentialStore {
  private tracked: Tracked;
  private readonly draining = new Set<Tracked>();
  private count = 0;
  private shutDown = false;

  constructor(private readonly deps: CredentialStoreDependencies) {
    this.tracked = this.build([]);
  }

  /** The generation in force now (what a request starting now would use). */
  current(): Generation {
    if (this.shutDown) throw new CredentialStoreShutDownError();
    return this.tracked.generation;
  }

  /** Takes the current generation for one request; its agent takes new requests until release(). */
  acquire(): Lease {
    this.current();
    this.tracked.active++;
    return new TrackedLease(this.tracked, (tracked) => this.retire(tracked));
  }

  get isShutDown(): boolean {
    return this.shutDown;
  }

  /**
   * Decodes and installs a PKCS#12 file. Throws CertificateLoadError (or the decoder's coded
   * error) and leaves the current generation untouched when anything fails.
   */
  load(bytes: Uint8Array, password: string): Generation {
    this.current();
    const contents = this.deps.decodePkcs12(bytes, password);
    if (contents.identities.length === 0) {
      throw new CertificateLoadError('PKCS12_NO_PRIVATE_KEY', 'the file holds no private key with a certificate');
    }
    let next: Tracked;
    try {
      next = this.build(contents.identities);
    } catch (error) {
      throw new CertificateLoadError(LoadFailureCode.unusable, 'no TLS context could be built from the file', { cause: error });
    }
    this.swap(next);
    return next.generation;
  }

  /** Back to presenting no certificate, on a fresh agent. */
  remove(): void {
    this.current();
    this.swap(this.build([]));
  }

  /** Retires every agent now, draining or not; the store takes no more requests or loads. */
  shutdown(): void {
    if (this.shutDown) return;
    this.shutDown = true;
    this.retire(this.tracked);
    for (const tracked of this.draining) this.retire(tracked);
  }

  private swap(next: Tracked): void {
    const old = this.tracked;
    this.tracked = next;
    old.replaced = true;
    if (old.active === 0) {
      this.retire(old);
      return;
    }
    this.draining.add(old);
    closeIdleSockets(old.generation.agent);
  }

  private retire(tracked: Tracked): void {
    this.draining.delete(tracked);
    if (tracked.retired) return;
    tracked.retired = true;
    tracked.generation.agent.retire();
  }

  private build(identities: readonly ClientIdentity[]): Tracked {
    const agent = this.deps.createAgent({ platform: this.deps.platform, identities, ca: this.deps.ca });
    return { generation: { number: this.count++, identities, agent }, active: 0, replaced: false, retired: false };
  }
}

function closeIdleSockets(agent: Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}
