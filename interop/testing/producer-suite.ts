/**
 * One test per produced file: the reference must decode it to exactly the identities the
 * producer put in, load it through the runtime, and authenticate each identity with nginx.
 * A producer whose tool is absent is skipped with its reason (with CI=true: a failure with the
 * install command, support/testing); known reference gaps are `todo` with the reason (they turn
 * into passes when fixed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toolSkip, type ToolName } from '../../support/testing/index.js';
import { InteropCorpus, type ProducerReport } from '../corpus.js';
import { producer as findProducer } from '../producers/index.js';

export interface SuiteOptions {
  /** Variant ids to run (a slow producer's subset); all when omitted. */
  readonly variants?: readonly string[];
  /** variant id -> why the reference does not read it yet. */
  readonly knownGaps?: Readonly<Record<string, string>>;
}

/** The outside tool behind each producer (the project's own generator needs none). */
const PRODUCER_TOOLS: Readonly<Record<string, ToolName>> = {
  openssl: 'openssl', gnutls: 'gnutls', nss: 'nss', 'python-cryptography': 'python-cryptography', keytool: 'java', bouncycastle: 'bouncycastle',
};

/** The skip reason of an absent producer; in CI a producer with a known tool must be there. */
function absent(producerId: string, reason: string): string {
  const tool = PRODUCER_TOOLS[producerId];
  return tool ? (toolSkip(tool, reason) || reason) : reason;
}

export function describeProducer(producerId: string, options: SuiteOptions = {}): void {
  const producer = findProducer(producerId);
  const variants = producer.variants.filter((v) => !options.variants || options.variants.includes(v.id));
  describe(`interop: ${producer.name}`, () => {
    let corpus: InteropCorpus | undefined;
    let report: ProducerReport;
    before(async () => {
      corpus = await InteropCorpus.create();
      report = await corpus.run(producer, variants.map((v) => v.id));
    });
    after(async () => {
      await corpus?.dispose();
    });

    test('the producer made every file', (t) => {
      if (report.skipped) return t.skip(absent(producerId, report.skipped));
      assert.deepEqual(report.productionErrors, []);
    });

    for (const variant of variants) {
      const gap = options.knownGaps?.[variant.id];
      test(`${variant.id}: ${variant.options}`, gap ? { todo: gap } : {}, (t) => {
        if (report.skipped) return t.skip(absent(producerId, report.skipped));
        const result = report.results.find((r) => r.variant === variant.id);
        assert.ok(result, `no result for ${variant.id} (production failed?)`);
        assert.equal(result.decode.ok, true, `decodePkcs12: ${result.decode.code} ${result.decode.message}`);
        assert.deepEqual([...result.decode.identities.map((i) => i.fingerprint)].sort(), [...result.expected].sort(),
          'decodePkcs12 yields exactly the identities the producer put in');
        assert.deepEqual(result.runtimeLoad, { ok: true }, 'runtime.net.loadClientCertificate');
        for (const auth of result.authentications) assert.equal(auth.ok, true, `${auth.label} authenticates: ${auth.detail}`);
        assert.equal(result.authentications.length, result.expected.length);
        assert.notEqual(result.agreesWithOpenssl, false, `openssl -info disagrees: ${result.opensslDifferences.join('; ')}`);
        assert.notEqual(result.agreesWithProducer, false, 'the producer\'s own listing disagrees');
        assert.notEqual(result.agreesWithForge, false, `node-forge disagrees: ${result.forgeDifferences.join('; ')}`);
      });
    }
  });
}
