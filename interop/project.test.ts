import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { evaluateFile } from './check/evaluate-file.js';
import { InteropJudges } from './check/judge.js';
import { InteropCorpus } from './corpus.js';
import { pkiIdentity } from './producers/expected.js';
import { projectProducer } from './producers/project-generator.js';
import { describeProducer } from './testing/producer-suite.js';

describeProducer('project');

// The checks themselves must be able to fail: a file that does not hold what is claimed.
let corpus: InteropCorpus;
let judges: InteropJudges;
before(async () => {
  corpus = await InteropCorpus.create();
  judges = new InteropJudges(corpus.workspace.pki);
});
after(async () => {
  await judges.stop();
  await corpus.dispose();
});

test('a file claimed to hold ec-b but holding rsa-a fails every check', async () => {
  const made = await projectProducer.variants.find((v) => v.id === 'rsa-a.modern')!.make(corpus.workspace);
  const result = await evaluateFile({ ...made, expected: [pkiIdentity(corpus.workspace, 'ec-b')] }, corpus.workspace, judges);
  assert.equal(result.decode.ok, true);
  assert.equal(result.identitiesMatch, false);
  assert.equal(result.authentications[0]!.ok, false, 'required-b must not see ec-b from an rsa-a file');
});

test('a wrong password is a decode failure, not a pass', async () => {
  const made = await projectProducer.variants.find((v) => v.id === 'rsa-a.modern')!.make(corpus.workspace);
  const result = await evaluateFile({ ...made, password: `${made.password}x` }, corpus.workspace, judges);
  assert.equal(result.decode.ok, false);
  assert.equal(result.decode.code, 'PKCS12_BAD_PASSWORD');
  assert.equal(result.runtimeLoad.ok, false);
});
