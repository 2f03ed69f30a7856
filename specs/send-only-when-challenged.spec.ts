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
    // A fresh launch (beforeEach), and a TLS 1.2 server: a runtime that never presents over
    // TLS 1.3 shows as CA-TLS13 alone, one whose HttpRequest never presents as this one alone.
    it('[CA-BOTH-APIS] HttpRequest and the service invoker both present it to the same requiring server', async () => {
      const [loaded, viaHttp, viaInvoker] = await app.batch(
        app.loadStep(portableBundle(app, 'rsa-a')),
        app.requestStep('tls12-required-a', { api: 'http-request' }),
        app.requestStep('tls12-required-a', { api: 'invoke-service' }),
      );
      assertLoaded(loaded, portableBundle(app, 'rsa-a'));
      for (const [api, exchange] of [['HttpRequest', viaHttp], ['invokeServiceAsync', viaInvoker]] as const) {
        judging(exchange);
        assert.equal(exchange.status, 200, `${api}: ${JSON.stringify(exchange.result)}`);
        assert.equal(exchange.observation?.verify, 'SUCCESS', `${api}: ${JSON.stringify(exchange.observation)}`);
        assert.equal(exchange.observation?.subject, rsaA().subject, api);
      }
      assert.equal((viaInvoker.result as { opstatus: number | null }).opstatus, 0);
    });
  });
});
