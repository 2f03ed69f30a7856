/**
 * doctor's nginx check follows VOLTMX_NGINX / VOLTMX_NGINX_MODULES: a real nginx reached
 * through a symlink elsewhere is found and run, an override that points nowhere is reported as
 * such (never replaced by a default), and a missing echo module is a gap with the install fix.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ECHO_MODULE_FILE, findEchoModule, findNginx, nginxBinary } from '../../support/tools/index.js';
import { toolSkip } from '../../support/testing/index.js';
import { checkNginx } from './checks.js';

const skip = toolSkip('nginx', nginxBinary() ? undefined : 'no nginx with the echo module');

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'devices-doctor-nginx-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

const bare = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.VOLTMX_NGINX;
  delete env.VOLTMX_NGINX_MODULES;
  return env;
};

describe('doctor: nginx', { skip }, () => {
  it('uses VOLTMX_NGINX and VOLTMX_NGINX_MODULES when set, and says so', async () => {
    const bin = join(dir, 'bin');
    const modules = join(dir, 'modules');
    await mkdir(bin);
    await mkdir(modules);
    await symlink(findNginx(bare()).path, join(bin, 'nginx'));
    await symlink(findEchoModule(bare()).path, join(modules, ECHO_MODULE_FILE));
    const check = await checkNginx({ ...bare(), VOLTMX_NGINX: join(bin, 'nginx'), VOLTMX_NGINX_MODULES: modules });
    assert.equal(check.ok, true, check.detail);
    assert.match(check.detail, new RegExp(`^${join(bin, 'nginx')} \\(VOLTMX_NGINX\\): nginx version: nginx/`));
    assert.match(check.detail, new RegExp(`echo module ${join(modules, ECHO_MODULE_FILE)} \\(VOLTMX_NGINX_MODULES\\)$`));
  });

  it('an override that points nowhere is a gap, not a fallback to the default', async () => {
    const check = await checkNginx({ ...bare(), VOLTMX_NGINX: join(dir, 'no-such-nginx') });
    assert.equal(check.ok, false);
    assert.match(check.detail, /VOLTMX_NGINX points to .*no-such-nginx, which does not exist/);
    assert.match(check.fix ?? '', /apt-get install -y nginx-light libnginx-mod-http-echo/);
    assert.match(check.fix ?? '', /brew install nginx/);
  });

  it('a modules folder without the echo module is a gap', async () => {
    const empty = join(dir, 'empty-modules');
    await mkdir(empty);
    const check = await checkNginx({ ...bare(), VOLTMX_NGINX_MODULES: empty });
    assert.equal(check.ok, false);
    assert.match(check.detail, new RegExp(`VOLTMX_NGINX_MODULES has no ${ECHO_MODULE_FILE}`));
  });

  it('without overrides: the Debian or Homebrew paths', async () => {
    const check = await checkNginx(bare());
    assert.equal(check.ok, true, check.detail);
    assert.doesNotMatch(check.detail, /VOLTMX_NGINX/);
  });
});
