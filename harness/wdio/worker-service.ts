/**
 * The worker half of the WebdriverIO integration: before a session starts it puts the run
 * context where the specs read it (a worker's browser.options: the launcher service hands its
 * path over in a capability, which is taken out here so that Appium never sees it; the
 * CLI's generated configuration names it directly) and checks that the capability names one of
 * the run's devices, so a missing piece fails at once with a clear message instead of in every test.
 */
import { SevereServiceError } from 'webdriverio';
import { DEVICE_CAPABILITY } from '../run/requirement-reporter.js';
import { readRunContext, RUN_CONTEXT_CAPABILITY, RUN_CONTEXT_OPTION, runContextFileOf } from '../run/run-context.js';
import { ConformanceConfigError, ConformanceLauncherMissingError } from './errors.js';

type Capability = Record<string, unknown>;

export default class ConformanceService {
  beforeSession(config: Record<string, unknown>, capabilities: Capability): void {
    const handed = capabilities?.[RUN_CONTEXT_CAPABILITY];
    if (typeof handed === 'string') {
      config[RUN_CONTEXT_OPTION] ??= handed;
      delete capabilities[RUN_CONTEXT_CAPABILITY];
    }
    if (typeof config?.[RUN_CONTEXT_OPTION] !== 'string') throw new SevereServiceError(new ConformanceLauncherMissingError().message);
    const name = capabilities?.[DEVICE_CAPABILITY];
    // Capabilities without a device are the config's own business (other specs, other services).
    if (name === undefined) return;
    if (!readRunContext(runContextFileOf(config)).devices[String(name)]) {
      throw new SevereServiceError(new ConformanceConfigError(`${DEVICE_CAPABILITY}="${String(name)}" is not a device of this run`).message);
    }
  }
}
