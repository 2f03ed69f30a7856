/**
 * The judges: nginx (servers/fleet) scenarios that report which certificate a client
 * presented. Test PKI identities go to the fleet's CA scenarios; a producer's self-signed
 * identity gets its own fleet whose root A is that very certificate.
 */
import type { X509Certificate } from 'node:crypto';
import { ServerFleet, type StartedServerFleet } from '../../servers/fleet/server-fleet.js';
import type { BackendName } from '../../servers/backend-kit/types.js';
import type { CreatedTestPki } from '../../servers/pki/index.js';
import type { IdentityName, TestPki } from '../../servers/pki/types.js';
import type { ExpectedIdentity } from '../producers/types.js';
import { InteropError } from '../../support/errors/index.js';

/** A scenario advertising exactly the issuer of each identity, so Android picks that one. */
const SCENARIO_OF: Partial<Record<IdentityName, string>> = {
  'rsa-a': 'required-a',
  'ec-b': 'required-b',
  'rsa-intermediate': 'required-intermediate',
};

export class JudgeUnavailableError extends InteropError {
  readonly code = 'INTEROP_NO_JUDGE';
  constructor(detail: string) {
    super(`no judge for this identity: ${detail}`);
  }
}

/** A copy of the PKI whose root A is the given self-signed certificate. */
function trustingOnly(pki: TestPki, certificate: X509Certificate): TestPki {
  return {
    ...pki,
    cas: { ...pki.cas, A: { ...pki.cas.A, certificate: { pem: certificate.toString(), path: '' }, subject: certificate.subject } },
    bundles: {},
  };
}

export class InteropJudges {
  private main: Promise<StartedServerFleet> | undefined;
  private readonly selfSigned = new Map<string, Promise<StartedServerFleet>>();

  constructor(private readonly pki: CreatedTestPki, readonly backend: BackendName = 'nginx') {}

  /** URL of the scenario that judges this identity. */
  async urlFor(identity: ExpectedIdentity): Promise<string> {
    if (identity.pkiIdentity) {
      const scenario = SCENARIO_OF[identity.pkiIdentity];
      if (!scenario) throw new JudgeUnavailableError(`no scenario for ${identity.pkiIdentity}`);
      this.main ??= new ServerFleet(this.pki).withBackend(this.backend)
        .withScenarios(Object.values(SCENARIO_OF) as string[]).start();
      return (await this.main).url(scenario);
    }
    if (identity.selfSigned) {
      let fleet = this.selfSigned.get(identity.fingerprint);
      if (!fleet) {
        fleet = new ServerFleet(trustingOnly(this.pki, identity.selfSigned)).withBackend(this.backend).withScenarios(['required-a']).start();
        this.selfSigned.set(identity.fingerprint, fleet);
      }
      return (await fleet).url('required-a');
    }
    throw new JudgeUnavailableError(identity.label);
  }

  async stop(): Promise<void> {
    const fleets = [this.main, ...this.selfSigned.values()].filter((f): f is Promise<StartedServerFleet> => f !== undefined);
    this.main = undefined;
    this.selfSigned.clear();
    await Promise.all(fleets.map(async (f) => {
      try {
        await (await f).stop();
      } catch {
        // a fleet that failed to start left nothing running
      }
    }));
  }
}
