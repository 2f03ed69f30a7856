/// <reference types="mocha" />
/**
 * The certificate goes out only when a server asks for it, and then to any server that asks,
 * through both request APIs. API page: "The loaded client certificate is sent to a server ...
 * only when the server challenges the client to authenticate itself."
 */
import assert from 'node:assert/strict';
import type { LoadResult } from '../devices/conformance-app/contract.js';
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertLoaded, judging, portableBundle } from './helpers/identities.js';
import { runContext } from './support/device.js';

describe('client certificate presentation', () => {
  const app = useApp(); // each test in a fresh launch: nothing loaded yet
  const rsaA = () => runContext().identities['rsa-a'];

  describe('before any certificate is loaded', () => {
    // Both requests of this block in one batch, sent by the first test.
    let before: Promise<[Exchange, Exchange]> | undefined;
    const nothingLoaded = () => (before ??= app.batch(app.requestStep('optional-a'), app.requestStep('required-a')));

    it('[CA-OPTIONAL-AUTH-NONE-LOADED] an optional server answers 200 with verify NONE', async () => {
      const [exchange] = await nothingLoaded();
      judging(exchange);
      const { status, observation } = exchange;
      assert.equal(status, 200);
      assert.equal(observation?.verify, 'NONE');
    });

    it('[CA-REQUIRED-AUTH-NONE-LOADED] a requiring server answers 400 no-certificate, reported as a response', async () => {
      const [, exchange] = await nothingLoaded();
      judging(exchange);
      const { status, observation, result } = exchange;
      assert.equal(status, 400, `client result: ${JSON.stringify(result)}`);
      assert.equal(observation?.verify, 'NONE');
      assert.equal((observation as { error?: string } | null)?.error, 'no-certificate');
    });
  });

  describe('with rsa-a (under root A) loaded', () => {
    // Loaded by the first test, not in a hook: a load that fails is the client's failure
    // (fail) in every test that needs it, while a failed hook counts as infrastructure.
    // The load and every request of this block go in one batch, sent by the first test that needs them.
    let loading: Promise<[LoadResult, ...Exchange[]]> | undefined;
    async function rsaALoaded(): Promise<Exchange[]> {
      loading ??= app.batch(
        app.loadStep(portableBundle(app, 'rsa-a')),
        app.requestStep('required-a'), app.requestStep('no-client-auth'), app.requestStep('no-client-auth'),
        app.requestStep('optional-a'), app.requestStep('required-a'),
      );
      const [loaded, ...exchanges] = await loading;
      judging(loaded);
      assert.equal(loaded.returned, true, `loadClientCertificate did not return true: ${JSON.stringify(loaded)}`);
      return exchanges;
    }

    it('[CA-SEND-ONLY-WHEN-CHALLENGED] is presented to a server that asks and withheld from one that does not', async () => {
      const [asked, notAsked] = await rsaALoaded();
      judging(asked!);
      assert.equal(asked!.observation?.verify, 'SUCCESS');
      assert.equal(asked!.observation?.subject, rsaA().subject);
      judging(notAsked!);
      assert.equal(notAsked!.status, 200);
      assert.equal(notAsked!.observation?.verify, 'NONE');
      assert.equal(notAsked!.observation?.subject, null);
    });

    it('[CA-NOT-SENT-WITHOUT-REQUEST] a server without CertificateRequest receives nothing', async () => {
      const exchange = (await rsaALoaded())[2]!;
      judging(exchange);
      const { status, observation } = exchange;
      assert.equal(status, 200);
      assert.equal(observation?.verify, 'NONE');
      assert.equal(observation?.serial, null);
    });

    it('[CA-OPTIONAL-AUTH] an optional server receives the loaded certificate', async () => {
      const exchange = (await rsaALoaded())[3]!;
      judging(exchange);
      const { status, observation } = exchange;
      assert.equal(status, 200);
      assert.equal(observation?.verify, 'SUCCESS');
      assert.equal(observation?.fingerprint, rsaA().fingerprint);
    });

    it('[CA-REQUIRED-AUTH] a requiring server accepts the loaded certificate', async () => {
      const exchange = (await rsaALoaded())[4]!;
      judging(exchange);
      const { status, observation } = exchange;
      assert.equal(status, 200);
      assert.equal(observation?.verify, 'SUCCESS');
      assert.equal(observation?.serial, rsaA().serial);
      assert.equal(observation?.issuer, rsaA().issuer);
    });
  });

  describe('through both request APIs', () => {
    // A fresh launch (beforeEach), and a TLS 1.3 and a TLS 1.2 server: each API must present to
    // one of them. A runtime that never presents over one TLS version shows as CA-TLS12 or
    // CA-TLS13 alone, one whose HttpRequest never presents as this one alone.
    it('[CA-BOTH-APIS] HttpRequest and the service invoker both present it to a requiring server', async () => {
      const apis = [['HttpRequest', 'http-request'], ['invokeServiceAsync', 'invoke-service']] as const;
      const scenarios = ['tls13-required-a', 'tls12-required-a'] as const;
      const [loaded, ...exchanges] = await app.batch(
        app.loadStep(portableBundle(app, 'rsa-a')),
        ...apis.flatMap(([, api]) => scenarios.map((scenario) => app.requestStep(scenario, { api }))),
      );
      assertLoaded(loaded, portableBundle(app, 'rsa-a'));
      apis.forEach(([name], a) => {
        const mine = scenarios.map((_, s) => exchanges[a * scenarios.length + s] as Exchange);
        mine.forEach((exchange) => judging(exchange));
        const accepted = mine.find((e) => e.status === 200 && e.observation?.verify === 'SUCCESS' && e.observation?.subject === rsaA().subject);
        assert.ok(accepted, `${name} presented rsa-a to neither a TLS 1.3 nor a TLS 1.2 server: ${JSON.stringify(mine.map((e) => ({ status: e.status, observation: e.observation })))}`);
        if (name === 'invokeServiceAsync') assert.equal((accepted.result as { opstatus: number | null }).opstatus, 0);
      });
    });
  });
});
