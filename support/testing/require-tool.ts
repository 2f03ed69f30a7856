/**
 * One rule for tests that need an outside tool: without it they skip locally, but with
 * `CI=true` they fail with the command that installs it, so CI cannot be green without
 * exercising them.
 */
import { SupportError } from '../errors/index.js';
export type ToolName = 'nginx' | 'docker' | 'chromium' | 'openssl' | 'gnutls' | 'nss' | 'python-cryptography' | 'java' | 'bouncycastle' | 'jsc';

/** What installs each tool on the CI image (Debian 12), with the macOS way where it differs. */
export const TOOL_INSTALL: Readonly<Record<ToolName, string>> = {
  nginx: 'sudo apt-get install -y nginx-light libnginx-mod-http-echo (macOS: brew install nginx; set VOLTMX_NGINX and VOLTMX_NGINX_MODULES)',
  docker: 'sudo apt-get install -y docker.io, then start it: sudo dockerd --bridge=none --iptables=false & (.ci/run does both)',
  chromium: 'sudo apt-get install -y chromium',
  openssl: 'sudo apt-get install -y openssl',
  gnutls: 'sudo apt-get install -y gnutls-bin',
  nss: 'sudo apt-get install -y libnss3-tools',
  'python-cryptography': 'sudo apt-get install -y python3-cryptography',
  java: 'sudo apt-get install -y default-jdk-headless',
  bouncycastle: 'sudo apt-get install -y libbcprov-java',
  jsc: 'sudo apt-get install -y libjavascriptcoregtk-4.0-bin (macOS ships jsc in JavaScriptCore.framework; or set VOLTMX_JSC)',
};

export class MissingToolError extends SupportError {
  readonly code = 'TOOL_MISSING';
  constructor(readonly tool: ToolName, detail: string) {
    super(`${tool} is required in CI (CI=true) but missing: ${detail}. Install it: ${TOOL_INSTALL[tool]}`);
  }
}

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => /^(true|1)$/i.test(env.CI ?? '');

/**
 * `missing`: why the tool cannot be used, or undefined when it can. Returns the skip reason for
 * node:test (`{ skip }` or `t.skip(...)`), false when the tool is there; throws
 * MissingToolError in CI.
 */
export function toolSkip(tool: ToolName, missing: string | undefined, env: NodeJS.ProcessEnv = process.env): string | false {
  if (missing === undefined) return false;
  if (inCi(env)) throw new MissingToolError(tool, missing);
  return `${tool} missing (${missing}); install: ${TOOL_INSTALL[tool]}`;
}
