/// <reference types="mocha" />
/**
 * App lifetime: a loaded certificate serves every later request of the launch, on every
 * server and through both APIs, and is gone after the app restarts (memory only).
 */
import type { Exchange } from './support/app.js';
import { useApp } from './support/use-app.js';
import { assertAccepted, assertLoaded, assertNonePresented, portableBundle } from './helpers/identities.js';

describe('certificate lifetime', () => {
  const app = useApp();

  it('[CA-APP-LIFETIME] stays in force for every later request of the launch', async () => {
    const scenarios = ['required-a', 'optional-a', 'required-a-or-b', 'tls12-required-a', 'tls13-required-a', 'required-a'];
    const [loaded, ...exchanges] = await app.batch(
      app.loadStep(portableBundle(app, 'rsa-a')),
      ...scenarios.flatMap((scenario) => [app.requestStep(scenario), app.requestStep(scenario, { api: 'invoke-service' })]),
    );
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    for (const exchange of exchanges as Exchange[]) assertAccepted(exchange, 'rsa-a');
  });

  it('[CA-APP-LIFETIME] is gone after the app restarts', async () => {
    const [loaded, before] = await app.batch(app.loadStep(portableBundle(app, 'rsa-a')), app.requestStep('required-a'));
    assertLoaded(loaded, portableBundle(app, 'rsa-a'));
    assertAccepted(before, 'rsa-a');
    await app.restart();
    const [required, optional, either] = await app.batch(app.requestStep('required-a'), app.requestStep('optional-a'), app.requestStep('required-a-or-b'));
    assertNonePresented(required, 400);
    assertNonePresented(optional, 200);
    assertNonePresented(either, 400);
  });
});
