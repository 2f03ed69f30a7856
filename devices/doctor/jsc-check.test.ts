/**
 * doctor's jsc check follows VOLTMX_JSC: the real shell reached through a symlink is found and
 * run, an override that points nowhere or at something that is no jsc shell is a gap with the fix.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toolSkip } from '../../support/testing/index.js';
import { findJsc } from '../../support/tools/index.js';
import { checkJsc } from './checks.js';

const found = findJsc({});
const skip = toolSkip('jsc', found.exists ? undefined : `no jsc shell at ${found.path}`);

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'devices-doctor-jsc-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('doctor: jsc', { skip }, () => {
  it('finds the shell by default and through VOLTMX_JSC, and says so', async () => {
    assert.equal((await checkJsc({})).ok, true);
    await symlink(found.path, join(dir, 'jsc'));
    const check = await checkJsc({ VOLTMX_JSC: join(dir, 'jsc') });
    assert.equal(check.ok, true, check.detail);
    assert.match(check.detail, /VOLTMX_JSC/);
  });

  it('reports an override that points nowhere, or at another program, with the install fix', async () => {
    const nowhere = await checkJsc({ VOLTMX_JSC: join(dir, 'no-such-jsc') });
    assert.equal(nowhere.ok, false);
    assert.match(nowhere.detail, /VOLTMX_JSC points to .*no-such-jsc, which does not exist/);
    assert.match(nowhere.fix ?? '', /libjavascriptcoregtk-4\.0-bin/);
    const other = await checkJsc({ VOLTMX_JSC: process.execPath });
    assert.equal(other.ok, false);
    assert.match(other.detail, /not a jsc shell/);
  });
});
