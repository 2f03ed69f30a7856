import { SLOW_ANSWER_MS } from '../backend-kit/types.js';
import { ECDSA_SIGALGS, serverCredentialOf } from '../scenarios/catalog.js';
import { SERVE_ALL, servesDownloads, type DownloadPolicy } from '../scenarios/downloads.js';
import type { Scenario, ServerCredentialName } from '../scenarios/types.js';

/** Absolute paths the generated configuration refers to (inside workDir, or the container's view of it). */
export interface NginxLayout {
  readonly workDir: string;
  /** Certificate and key files of a TestPki server credential. */
  serverCredential(name: ServerCredentialName): { readonly cert: string; readonly key: string };
  /** Folder holding only the PKCS#12 bundles, served under /p12/. */
  readonly p12Dir: string;
  /** PEM file with the named CAs concatenated, per CA set (see caFileName). */
  caFile(cas: readonly string[]): string;
  readonly echoModule: string;
}

export interface NginxServer {
  readonly scenario: Scenario;
  readonly port: number;
}

/** Under workDir/logs: one JSON line per request (see log_format transcript). */
export const TRANSCRIPT_LOG = 'transcripts.jsonl';

export function caFileName(cas: readonly string[]): string {
  return `cas-${[...cas].sort().join('+')}.pem`;
}

/**
 * JSON templates: nginx inserts variables raw, so the template writes its own quotes as ~Q~
 * and sub_filter (one pass, never re-scanning a replacement) escapes backslashes, quotes and
 * line breaks inside values, then turns ~Q~ into quotes.
 */
const Q = '~Q~';
const str = (expr: string): string => `${Q}${expr}${Q}`;

function observationJson(scenarioId: string): string {
  const field = (name: string, value: string): string => `${str(name)}:${value}`;
  return `{${[
    field('server', str(scenarioId)),
    field('verify', str('${ssl_client_verify}')),
    field('subject', '${obs_subject}'),
    field('issuer', '${obs_issuer}'),
    field('serial', '${obs_serial}'),
    field('fingerprint', '${obs_fingerprint}'),
    field('protocol', str('${ssl_protocol}')),
    field('sessionReused', '${obs_session_reused}'),
    field('sni', '${obs_sni}'),
    field('connectionRequests', '${connection_requests}'),
    field('exchange', str('${request_id}')),
  ].join(',')}}`;
}

const NULLABLE: ReadonlyArray<readonly [string, string]> = [
  ['ssl_client_s_dn', 'obs_subject'],
  ['ssl_client_i_dn', 'obs_issuer'],
  ['ssl_client_serial', 'obs_serial'],
  ['ssl_client_fingerprint', 'obs_fingerprint'],
  ['ssl_server_name', 'obs_sni'],
];

/** `listen` host:port, with brackets for IPv6. */
const listenOn = (address: string, port: number): string => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/**
 * listenAddress: 127.0.0.1 for a host process or host networking; 0.0.0.0 behind mapped ports;
 * several addresses for a fleet bound beyond loopback (fleet/network.ts). downloads: which
 * scenarios have a /p12/ location (the p12 folder holds only the bundles served).
 */
export function nginxConfig(
  layout: NginxLayout,
  servers: readonly NginxServer[],
  listenAddress: string | readonly string[] = '127.0.0.1',
  downloads: DownloadPolicy = SERVE_ALL,
): string {
  const addresses = typeof listenAddress === 'string' ? [listenAddress] : listenAddress;
  const w = layout.workDir;
  return [
    `load_module ${layout.echoModule};`,
    // One process: killing the PID we hold ends everything (no orphaned workers).
    'daemon off;',
    'master_process off;',
    `pid ${w}/nginx.pid;`,
    `error_log ${w}/logs/error.log info;`,
    'events { worker_connections 256; }',
    'http {',
    `  log_format observation '$server_port "$request" $status verify=$ssl_client_verify reused=$ssl_session_reused requests=$connection_requests';`,
    `  access_log ${w}/logs/access.log observation;`,
    // Handshake transcripts (nginx-transcripts.ts): the leaf as PEM, keyed by the exchange id the body carries.
    `  log_format transcript escape=json '{"exchange":"$request_id","port":"$server_port","protocol":"$ssl_protocol","reused":"$ssl_session_reused","cert":"$ssl_client_raw_cert"}';`,
    `  access_log ${w}/logs/${TRANSCRIPT_LOG} transcript;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${w}/tmp/${t};`),
    '  default_type application/json;',
    '  types { application/x-pkcs12 p12; }',
    '  server_tokens off;',
    // Relative Location headers, as the embedded backend sends them.
    '  absolute_redirect off;',
    '  client_max_body_size 1m;',
    '  client_body_buffer_size 1m;',
    '  client_body_in_single_buffer on;',
    '  sub_filter_types application/json;',
    '  sub_filter_once off;',
    `  sub_filter '\\\\' '\\\\\\\\';`,
    `  sub_filter '"' '\\\\"';`,
    `  sub_filter '\\n' '\\\\n';`,
    `  sub_filter '\\r' '\\\\r';`,
    `  sub_filter '\\t' '\\\\t';`,
    `  sub_filter '${Q}' '"';`,
    ...NULLABLE.map(([from, to]) => `  map $${from} $${to} { "" "null"; default "${str('${' + from + '}')}"; }`),
    '  map $ssl_session_reused $obs_session_reused { r true; default false; }',
    ...servers.flatMap((s, index) => serverBlock(layout, s, index, addresses, servesDownloads(downloads, s.scenario.id))),
    '}',
    '',
  ].join('\n');
}

function serverBlock(
  layout: NginxLayout, { scenario, port }: NginxServer, index: number, addresses: readonly string[], p12: boolean,
): string[] {
  const observation = observationJson(scenario.id);
  const failure = (error: string): string =>
    `${observation.slice(0, -1)},${str('error')}:${str(error)}}`;
  // nginx 1.22 needs ssl_client_certificate (whose names it advertises) for "on" and
  // "optional"; a scenario trusting CAs it does not advertise runs as optional_no_ca with
  // ssl_trusted_certificate and enforces "required" itself (same 495/496 answers).
  const enforceHere = scenario.clientAuth === 'required' && scenario.advertisedCas.length === 0;
  const verifyClient = enforceHere ? 'optional_no_ca'
    : scenario.clientAuth === 'required' ? 'on' : scenario.clientAuth;
  const guard = enforceHere
    ? ['    if ($ssl_client_verify = NONE) { return 496; }', '    if ($ssl_client_verify != SUCCESS) { return 495; }']
    : [];
  const credential = layout.serverCredential(serverCredentialOf(scenario));
  const location = (match: string, body: string[]): string[] => [`  location ${match} {`, ...guard, ...body, '  }'];
  const lines = [
    '  server {',
    ...addresses.map((address) => `  listen ${listenOn(address, port)} ssl;`),
    `  ssl_certificate ${credential.cert};`,
    `  ssl_certificate_key ${credential.key};`,
    `  ssl_protocols ${scenario.protocols.join(' ')};`,
    // Client-only list: OpenSSL derives TLS 1.2 certificate_types from it too.
    ...(scenario.acceptedClientKeys === 'ECDSA' ? [`  ssl_conf_command ClientSignatureAlgorithms ${ECDSA_SIGALGS};`] : []),
    `  ssl_verify_client ${verifyClient};`,
    `  ssl_verify_depth ${scenario.verifyDepth};`,
    ...(scenario.advertisedCas.length > 0 && scenario.clientAuth !== 'off'
      ? [`  ssl_client_certificate ${layout.caFile(scenario.advertisedCas)};`] : []),
    ...(scenario.trustedCas.length > 0 && scenario.clientAuth !== 'off'
      ? [`  ssl_trusted_certificate ${layout.caFile(scenario.trustedCas)};`] : []),
    `  ssl_session_cache ${scenario.sessionCache ? `shared:scenario${index}:1m` : 'off'};`,
    `  ssl_session_tickets ${scenario.sessionTickets ? 'on' : 'off'};`,
    ...(scenario.sessionTimeoutS !== undefined ? [`  ssl_session_timeout ${scenario.sessionTimeoutS}s;`] : []),
    ...(scenario.keepAliveTimeoutMs !== undefined ? [`  keepalive_timeout ${scenario.keepAliveTimeoutMs}ms;`] : []),
    '  error_page 495 =400 /.errors/certificate-error;',
    '  error_page 496 =400 /.errors/no-certificate;',
    `  location = /.errors/certificate-error { internal; return 200 '${failure('certificate-error')}'; }`,
    `  location = /.errors/no-certificate { internal; return 200 '${failure('no-certificate')}'; }`,
    ...location('= /whoami', [`    return 200 '${observation}';`]),
    // The embedded backend's COOKIE_HEADERS (servers/embedded/routes.ts); the contract tests hold both to them.
    ...location('= /cookie', [
      "    add_header Set-Cookie 'voltmx-conformance=1; Path=/; Secure' always;",
      "    add_header X-Voltmx-Conformance 'cookie' always;",
      `    return 200 '${observation}';`,
    ]),
    ...location('= /service', [
      '    echo_read_request_body;',
      `    echo -n '{${str('opstatus')}:0,${str('observation')}:${observation},` +
        `${str('method')}:${str('${request_method}')},${str('echo')}:${str('${request_body}')}}';`,
    ]),
    ...location('= /redirect', ['    return 302 $arg_to;']),
    ...location('= /slow', ['    default_type application/json;', `    echo_sleep ${SLOW_ANSWER_MS / 1000};`, `    echo -n '${observation}';`]),
    ...(p12 ? location('/p12/', [`    alias ${layout.p12Dir}/;`, '    default_type application/x-pkcs12;']) : []),
    ...location('/', [`    return 404 '{${str('error')}:${str('not-found')}}';`]),
    '  }',
  ];
  return lines.map((line) => `  ${line}`);
}
