import assert from 'node:assert/strict';
import { SCENARIOS } from '../../scenarios/catalog.js';
import type { TestPki } from '../../pki/types.js';
import type { StartedServerFleet } from '../server-fleet.js';
import { EXPECTED, identityOf, PROBE_IDENTITIES, type ProbeIdentity } from './expectations.js';
import { probe } from './https-probe.js';

export interface MatrixCell {
  readonly scenario: string;
  readonly identity: ProbeIdentity;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One fresh connection per scenario x identity (no session reuse), in parallel per scenario. */
export async function runMatrix(pki: TestPki, fleet: StartedServerFleet): Promise<MatrixCell[]> {
  const cells = await Promise.all(SCENARIOS.map(async (scenario) => {
    const port = fleet.endpoint(scenario.id).port;
    const results: MatrixCell[] = [];
    for (const identity of PROBE_IDENTITIES) {
      const name = identityOf(identity);
      try {
        const res = await probe(pki, port, '/whoami', name ? { identity: pki.identities[name] } : {});
        results.push({ scenario: scenario.id, identity, status: res.status, body: res.json });
      } catch (error) {
        // A handshake the probe refused: no HTTP exchange, the client's error is the cell.
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        results.push({ scenario: scenario.id, identity, status: 0, body: { clientError: code } });
      }
    }
    return results;
  }));
  return cells.flat();
}

/** Asserts every observed field against the PKI and the written expectations. */
export function assertCell(pki: TestPki, cell: MatrixCell): void {
  const where = `${cell.scenario} with ${cell.identity}`;
  const expected = EXPECTED[cell.scenario]?.[cell.identity];
  assert.ok(expected, `no expectation for ${where}`);
  const scenario = SCENARIOS.find((s) => s.id === cell.scenario)!;
  assert.equal(cell.status, expected.status, `${where}: status (${JSON.stringify(cell.body)})`);
  if (expected.status === 0) {
    assert.deepEqual(cell.body, { clientError: expected.clientError }, where);
    return;
  }
  const name = identityOf(cell.identity);
  // NONE: nothing presented (no request, no identity, or one the client withheld).
  const presented = expected.verify !== 'NONE';
  const info = name ? pki.identities[name] : undefined;
  const body = { ...cell.body };
  assert.deepEqual(body, {
    server: cell.scenario,
    verify: expected.verify,
    subject: presented ? info!.subject : null,
    issuer: presented ? info!.issuer : null,
    serial: presented ? info!.serial : null,
    fingerprint: presented ? info!.fingerprint : null,
    protocol: scenario.protocols.includes('TLSv1.3') ? 'TLSv1.3' : 'TLSv1.2',
    sessionReused: false,
    sni: 'localhost',
    connectionRequests: 1,
    ...(expected.error ? { error: expected.error } : {}),
  }, where);
}
