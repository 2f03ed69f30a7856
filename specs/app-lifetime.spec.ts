/// <reference types="mocha" />
/**
 * App lifetime: a loaded certificate serves every later request of the launch, on every
 * server and through both APIs, and is gone after the app restarts (memory only).
 */
import { App } from './support/app.js';
import { assertAccepted, assertNonePresented, mustLoad, portableBundle } from './helpers/identities.js';

describe('certificate lifetime', () => {
  let app: App;

  before(() => {
    app = new App();
  });

  beforeEach(async () => {
    await app.restart();
  });

  it('[CA-APP-LIFETIME] stays in force for every later request of the launch', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    for (const scenario of ['required-a', 'optional-a', 'required-a-or-b', 'tls12-required-a', 'tls13-required-a', 'required-a']) {
      assertAccepted(await app.request(scenario), 'rsa-a');
      assertAccepted(await app.request(scenario, { api: 'invoke-service' }), 'rsa-a');
    }
  });

  it('[CA-APP-LIFETIME] is gone after the app restarts', async () => {
    await mustLoad(app, portableBundle(app, 'rsa-a'));
    assertAccepted(await app.request('required-a'), 'rsa-a');
    await app.restart();
    assertNonePresented(await app.request('required-a'), 400);
    assertNonePresented(await app.request('optional-a'), 200);
    assertNonePresented(await app.request('required-a-or-b'), 400);
  });
});
