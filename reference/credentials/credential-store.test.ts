import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { CredentialStore, type AgentOptions, type CredentialAgent } from './credential-store.js';
import type { ClientIdentity } from './client-identity.js';

// The swap logic on its own: which agents are built and retired, in what order. The real
// agent and decoder are exercised end to end in reference/runtime/create-runtime.test.ts.
class RecordingAgent extends Agent {
  retired = 0;
  constructor(readonly built: AgentOptions) {
    super();
  }
  retire(): void {
    this.retired++;
  }
}

const identity = { keyType: 'RSA' } as unknown as ClientIdentity;

function storeWith(decode: (data: Uint8Array, password: string) => { identities: ClientIdentity[] }) {
  const agents: RecordingAgent[] = [];
  const store = new CredentialStore({
    platform: 'android',
    ca: ['CA'],
    decodePkcs12: (data, password) => ({ ...decode(data, password), certificates: [] }),
    createAgent: (options): CredentialAgent => {
      const agent = new RecordingAgent(options);
      agents.push(agent);
      return agent;
    },
  });
  return { store, agents };
}

test('starts on a no-certificate agent; each load builds a fresh agent and retires the old one once', () => {
  const { store, agents } = storeWith(() => ({ identities: [identity] }));
  assert.equal(store.current().number, 0);
  assert.equal(store.current().identities.length, 0);
  assert.deepEqual(agents[0].built, { platform: 'android', identities: [], ca: ['CA'] });
  store.load(new Uint8Array([1]), 'pw');
  assert.equal(agents.length, 2);
  assert.equal(agents[0].retired, 1);
  assert.equal(agents[1].retired, 0);
  assert.equal(store.current().agent, agents[1]);
  assert.deepEqual(store.current().identities, [identity]);
  store.remove();
  assert.equal(agents[1].retired, 1);
  assert.equal(store.current().identities.length, 0);
  assert.equal(store.current().number, 2);
});

test('a failed decode or an agent that cannot be built leaves the generation and its agent untouched', () => {
  let fail: 'decode' | 'empty' | null = 'decode';
  const { store, agents } = storeWith(() => {
    if (fail === 'decode') throw Object.assign(new Error('bad'), { code: 'PKCS12_BAD_PASSWORD' });
    return { identities: fail === 'empty' ? [] : [identity] };
  });
  const before = store.current();
  assert.throws(() => store.load(new Uint8Array([1]), 'x'), { code: 'PKCS12_BAD_PASSWORD' });
  fail = 'empty';
  assert.throws(() => store.load(new Uint8Array([1]), 'x'), { code: 'PKCS12_NO_PRIVATE_KEY' });
  assert.equal(store.current(), before);
  assert.equal(agents.length, 1);
  assert.equal(agents[0].retired, 0);
});

test('shutdown retires the current agent and refuses further use', () => {
  const { store, agents } = storeWith(() => ({ identities: [identity] }));
  store.shutdown();
  store.shutdown();
  assert.equal(agents[0].retired, 1);
  assert.throws(() => store.current(), { code: 'RUNTIME_SHUT_DOWN' });
  assert.throws(() => store.load(new Uint8Array([1]), ''), { code: 'RUNTIME_SHUT_DOWN' });
});

test('an agent with requests in flight is drained: retired when its last lease is released, not before', () => {
  const { store, agents } = storeWith(() => ({ identities: [identity] }));
  const first = store.acquire();
  const second = store.acquire();
  assert.equal(first.generation.agent, agents[0]);
  store.load(new Uint8Array([1]), 'pw');
  assert.equal(agents[0].retired, 0, 'requests in flight keep their agent');
  assert.equal(store.acquire().generation.agent, agents[1], 'new requests get the new agent at once');
  first.release();
  first.release(); // idempotent
  assert.equal(agents[0].retired, 0);
  second.release();
  assert.equal(agents[0].retired, 1);
});

test('shutdown retires draining agents too', () => {
  const { store, agents } = storeWith(() => ({ identities: [identity] }));
  const lease = store.acquire();
  store.remove();
  store.shutdown();
  assert.deepEqual(agents.map((a) => a.retired), [1, 1]);
  lease.release();
  assert.equal(agents[0].retired, 1, 'retired once');
});
