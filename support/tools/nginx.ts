/**
 * Where nginx and its echo module are, for the nginx backends and for doctor:
 * `VOLTMX_NGINX` (the binary) and `VOLTMX_NGINX_MODULES` (the folder holding
 * ngx_http_echo_module.so) when set, else the Debian paths, else the Homebrew ones (Apple
 * silicon, then Intel). An override that points nowhere is reported as such, never replaced
 * by a guess.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NGINX_ENV = 'VOLTMX_NGINX';
export const NGINX_MODULES_ENV = 'VOLTMX_NGINX_MODULES';
export const ECHO_MODULE_FILE = 'ngx_http_echo_module.so';

export const NGINX_CANDIDATES: readonly string[] = ['/usr/sbin/nginx', '/opt/homebrew/bin/nginx', '/usr/local/bin/nginx'];
export const NGINX_MODULE_DIRS: readonly string[] = ['/usr/lib/nginx/modules', '/opt/homebrew/lib/nginx/modules', '/usr/local/lib/nginx/modules'];

/** How to get nginx and the echo module, per platform (for errors, doctor and CI). */
export const NGINX_INSTALL =
  'Debian/Ubuntu: sudo apt-get install -y nginx-light libnginx-mod-http-echo; ' +
  `macOS: brew install nginx, build the echo module (github.com/openresty/echo-nginx-module) as a dynamic module, and set ${NGINX_MODULES_ENV} to its folder; ` +
  `elsewhere: set ${NGINX_ENV} to the binary and ${NGINX_MODULES_ENV} to the modules folder`;

export interface FoundFile {
  /** The path used (or, when missing, the override or first candidate that was looked at). */
  readonly path: string;
  readonly exists: boolean;
  /** 'env' when the override decided it. */
  readonly from: 'env' | 'default';
}

function find(override: string | undefined, candidates: readonly string[]): FoundFile {
  if (override) return { path: override, exists: existsSync(override), from: 'env' };
  const hit = candidates.find((c) => existsSync(c));
  return { path: hit ?? candidates[0], exists: hit !== undefined, from: 'default' };
}

export function findNginx(env: NodeJS.ProcessEnv = process.env): FoundFile {
  return find(env[NGINX_ENV] || undefined, NGINX_CANDIDATES);
}

export function findEchoModule(env: NodeJS.ProcessEnv = process.env): FoundFile {
  const dir = env[NGINX_MODULES_ENV] || undefined;
  return find(dir ? join(dir, ECHO_MODULE_FILE) : undefined, NGINX_MODULE_DIRS.map((d) => join(d, ECHO_MODULE_FILE)));
}

/** The nginx binary when it and the echo module are both there; undefined otherwise. */
export function nginxBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const nginx = findNginx(env);
  return nginx.exists && findEchoModule(env).exists ? nginx.path : undefined;
}
