/** Every command: its parseArgs options and its help text. Data only. */
import type { ParseArgsConfig } from 'node:util';

export type CommandName = 'run' | 'servers up' | 'merge' | 'pki init' | 'pki show' | 'pki export' | 'app-kit' | 'doctor' | 'requirements';

export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly usage: string;
  readonly details: readonly string[];
  readonly footer?: readonly string[];
  /** Takes positional arguments (merge: the result folders). */
  readonly positionals?: boolean;
}

const help = { type: 'boolean', short: 'h' } as const;

/** --pki takes an optional folder (parse-command-line.ts turns a bare --pki into --pki=). */
const fleetNetworkOptions = {
  pki: { type: 'string' },
  bind: { type: 'string', default: '127.0.0.1' },
  host: { type: 'string', multiple: true },
  ports: { type: 'string' },
} as const;

const fleetNetworkDetails = [
  '--pki [dir]                 issue this run\'s certificates under the persistent test PKI (default folder:',
  '                            $VOLTMX_PKI_DIR or the user data folder; see pki init). android-emulator and',
  '                            ios-simulator use it even without --pki; the reference profiles only with it',
  '--bind <address>            IP address the servers listen on (default 127.0.0.1; 0.0.0.0 = every interface).',
  '                            Beyond loopback the fleet is reachable from that network: /p12/ is then served',
  '                            only by no-client-auth and only for the bundles the specs download',
  '--host <name or IP>         how devices reach this machine, repeatable: all go into the server certificate\'s',
  '                            names (besides localhost, 127.0.0.1, ::1, 10.0.2.2); the first goes into device URLs',
  '--ports <from>-<to>         fixed ports (scenario i on from + i) instead of free ones, for firewall rules',
  '                            and tunnels set up ahead',
];

const dirOption = { dir: { type: 'string' } } as const;
const dirDetail = '--dir <dir>          the persistent PKI folder (default: $VOLTMX_PKI_DIR, else the user data folder)';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    summary: 'Run the conformance specs on devices against the server fleet',
    usage: 'voltmx-conformance run [options]',
    options: {
      device: { type: 'string', multiple: true },
      devices: { type: 'string' },
      'only-device': { type: 'string', multiple: true },
      shard: { type: 'string' },
      servers: { type: 'string', default: 'embedded' },
      implementation: { type: 'string' },
      expectations: { type: 'string', multiple: true },
      grep: { type: 'string' },
      requirement: { type: 'string', multiple: true },
      'report-dir': { type: 'string', default: 'reports' },
      'appium-url': { type: 'string' },
      'keep-pki': { type: 'boolean', default: false },
      'update-expectations': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      ...fleetNetworkOptions,
      'adb-reverse': { type: 'boolean', default: false },
      help,
    },
    details: [
      '--device <profile>          device profile, repeatable (default: reference-android and reference-ios)',
      '                            profiles: reference-android, reference-ios, android-emulator, ios-simulator',
      '--devices <file.json>       named devices instead of --device: a JSON array of',
      '                            { "name", "profile", "capabilities"?: {...merged over the profile\'s}, "host"? };',
      '                            results, reports and expectations are keyed by name; all run in parallel',
      '--only-device <name>        with --devices: run only this device of the file, repeatable (unknown names are',
      '                            a usage error listing the file\'s names); rerun lines of file devices use it',
      '--shard <i>/<n>             run share i of n of the spec files (deterministic); merge the shards\' reports',
      '                            with voltmx-conformance merge',
      '--servers <backend>         embedded | nginx | testcontainers (default: embedded)',
      '--implementation <module>   RuntimeFactory module the reference devices host instead of the reference',
      '--expectations <path>       expectations file or folder of them, repeatable (default: harness/expectations);',
      '                            a file applies to the device of that name, else that profile, else that platform',
      '--grep <pattern>            run only tests whose title matches (a mocha grep)',
      '--requirement <ID>          run only the tests of this requirement, repeatable (exact IDs; only the spec',
      '                            files that check them run); every unexpected result prints such a rerun line:',
      '                            its device (--device, or --devices and --only-device), its requirement and the',
      '                            run\'s settings (servers, implementation, expectations, PKI, network, Appium URL',
      '                            without credentials), paths as given; not --shard, --grep, --report-dir',
      '--report-dir <dir>          where results.json, junit.xml, report.html go (default: reports)',
      '--appium-url <url>          use this Appium server instead of starting one (VOLTMX_APPIUM_URL); credentials',
      '                            in it (or in VOLTMX_APPIUM_USER / VOLTMX_APPIUM_KEY) go as Basic authentication',
      '--keep-pki                  keep the generated PKI folder (debugging; it holds private keys)',
      '--update-expectations       write expectations that make this run\'s results the new baseline',
      '--strict                    a difference from the reference\'s decisions (requirements at level decision,',
      '                            where the sources are open) fails; without it such a result is "differs",',
      '                            listed in every report but not a failure',
      ...fleetNetworkDetails,
      '--adb-reverse               android-emulator: adb reverse every fleet port (the emulator must be running);',
      '                            the emulator then uses localhost instead of 10.0.2.2',
      '                            ios-simulator: with VOLTMX_IOS_UDID set, the server CA is added to that',
      '                            simulator\'s keychain before the run',
    ],
    footer: ['Exit codes: 0 every result as expected; 1 unexpected results; 2 usage error; 3 infrastructure error;', '130 / 143 interrupted by SIGINT / SIGTERM (everything started is stopped, no report).'],
  },
  {
    name: 'servers up',
    summary: 'Start the server fleet and keep it up until Ctrl-C (for manual device runs)',
    usage: 'voltmx-conformance servers up [options]',
    options: { servers: { type: 'string', default: 'embedded' }, ...fleetNetworkOptions, 'keep-pki': { type: 'boolean', default: false }, help },
    details: [
      '--servers <backend>         embedded | nginx | testcontainers (default: embedded)',
      ...fleetNetworkDetails,
      '--keep-pki                  keep the generated PKI folder after stopping',
    ],
  },
  {
    name: 'merge',
    summary: 'Merge the results.json of several runs (shards, devices) into one set of reports',
    usage: 'voltmx-conformance merge <dir>... [--report-dir <out>]',
    options: { 'report-dir': { type: 'string', default: 'reports' }, help },
    positionals: true,
    details: [
      '<dir>...                    report folders (or results.json files) of runs, e.g. one per shard',
      '--report-dir <out>          where the merged results.json, junit.xml, report.html go (default: reports)',
    ],
    footer: ['Exit codes: as run\'s for the merged results (0, 1, 3); 2 usage error (a missing or unreadable results.json).'],
  },
  {
    name: 'pki init',
    summary: 'Create the persistent test PKI (server CA, client roots, bundled set), once; keeps an existing one',
    usage: 'voltmx-conformance pki init [--dir <dir>] [--expect-ca <sha256>]',
    options: { ...dirOption, 'expect-ca': { type: 'string' }, help },
    details: [
      dirDetail,
      '--expect-ca <sha256> the server CA SHA-256 the app under test was built to trust: fail (exit 2, nothing',
      '                     created) when the folder holds another CA, or none (init would make a new one).',
      '                     For CI, where the folder is restored from a secret (see examples/)',
      'A folder made before the bundled set (the .p12 files an app ships for CA-LOAD-BUNDLED) gets it added;',
      'its roots stay as they are.',
    ],
  },
  {
    name: 'pki show',
    summary: 'Show the persistent test PKI: folder, server CA, its SHA-256, expiry and bundled set',
    usage: 'voltmx-conformance pki show [--dir <dir>] [--json]',
    options: { ...dirOption, json: { type: 'boolean', default: false }, help },
    details: [dirDetail, '--json               as JSON: dir, state, serverCa, serverCaSha256, notAfter, daysLeft, fix, bundledSet,',
      '                     bundledDetail, bundledFix'],
    footer: ['Exit code 0 when the PKI is ready, 1 otherwise (the output says the fix).'],
  },
  {
    name: 'pki export',
    summary: 'Write the server CA for a test build (PEM, DER, Android resources, iOS simulator), or the bundled .p12 files',
    usage: 'voltmx-conformance pki export --format pem|der|android|ios|bundle --out <path> [--dir <dir>]',
    options: { ...dirOption, format: { type: 'string' }, out: { type: 'string' }, help },
    details: [
      dirDetail,
      '--format pem         the server CA as PEM, written to <out>',
      '--format der         the server CA as DER, written to <out>',
      '--format android     <out>/res/raw/voltmx_test_ca.pem and <out>/res/xml/network_security_config.xml',
      '--format ios         the server CA (PEM) at <out>, for xcrun simctl keychain <udid> add-root-cert <out>',
      '--format bundle      the bundled set at <out>/<name>.p12 (rsa-a and ec-b, modern and legacy): the files',
      '                     an app ships for CA-LOAD-BUNDLED (Android assets/, iOS bundle resources); never',
      '                     their password, which stays in the PKI folder',
      '--out <path>         a file (pem, der, ios) or a folder (android, bundle)',
    ],
  },
  {
    name: 'app-kit',
    summary: 'Write the drop-in conformance app kit (one ES5 file) and its guide for a Volt MX project',
    usage: 'voltmx-conformance app-kit --out <dir> [--pki [dir]]',
    options: { out: { type: 'string' }, pki: { type: 'string' }, help },
    details: [
      '--out <dir>          where voltmx-conformance-kit.js and its guide voltmx-conformance-kit.md go',
      '--pki [dir]          the persistent test PKI whose server CA the app trusts (default: $VOLTMX_PKI_DIR or',
      '                     the user data folder); its SHA-256 is baked into the kit and reported by info',
    ],
    footer: ['Exit codes: 0 written; 2 usage error or no persistent PKI (the message says the fix: pki init).'],
  },
  {
    name: 'doctor',
    summary: 'Check what each device profile needs (drivers, SDKs, apps) and what is missing',
    usage: 'voltmx-conformance doctor [--device <profile>...]',
    options: { device: { type: 'string', multiple: true }, help },
    details: ['--device <profile>   check only these profiles (default: every profile)'],
  },
  {
    name: 'requirements',
    summary: 'Print the requirement catalog',
    usage: 'voltmx-conformance requirements [--json | --markdown]',
    options: { json: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false }, help },
    details: ['--json       the catalog as JSON', '--markdown   the catalog as docs/requirements.md renders it'],
  },
];

export function commandHelp(spec: CommandSpec): string {
  return [`${spec.summary}.`, '', `Usage: ${spec.usage}`, '', 'Options:', ...spec.details.map((d) => `  ${d}`), '  -h, --help                  this help', '', ...(spec.footer ? [...spec.footer, ''] : [])].join('\n');
}

export function globalHelp(): string {
  return [
    'voltmx-conformance: conformance harness for voltmx.net.loadClientCertificate (mobile mutual TLS).',
    '',
    'Usage: voltmx-conformance <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    '',
    'Options:',
    '  -h, --help      help (also after a command: voltmx-conformance run --help)',
    '  -v, --version   the version',
    '',
  ].join('\n');
}
