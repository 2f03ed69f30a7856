/// <reference types="mocha" />
/**
 * The one App of a spec file and the hooks every spec needs: `const app = useApp();` at the top
 * of the file's describe binds it to the worker's device session before the first test, and
 * starts every test from a fresh launch.
 *
 * The launch is lazy (DeviceSession.startFresh): the restart happens at the test's first
 * command, so a test that skips or only reads results its block already fetched costs no
 * Appium request, and a launch nothing ran in is not restarted. Files that once restarted
 * eagerly in beforeEach did so only because the lazy launch came later (issue 11); for every
 * test that runs a command both put the same fresh launch before it. A test about what
 * survives a relaunch calls app.restart() itself, which restarts at once.
 */
import { App } from './app.js';

export function useApp(): App {
  const app = App.unbound();
  before(() => {
    app.bind();
  });
  beforeEach(() => {
    app.startFresh();
  });
  return app;
}
