/** Every command: its parseArgs options and its help text. Data only. */
import type { ParseArgsConfig } from 'node:util';

export type CommandName = 'run' | 'servers up' | 'doctor' | 'requirements';

export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly usage: string;
  readonly details: readonly string[];
  readonly footer?: readonly string[];
}

const help = { type: 'boolean', short: 'h' } as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    summary: 'Run the conformance specs on devices against the server fleet',
    usage: 'voltmx-conformance run [options]',
    options: {
      device: { type: 'string', multiple: true },
      servers: { type: 'string', default: 'embedded' },
      implementation: { type: 'string' },
      expectations: { type: 'string', multiple: true },
      grep: { type: 'string' },
      'report-dir': { type: 'string', default: 'reports' },
      'appium-url': { type: 'string' },
      'keep-pki': { type: 'boolean', default: false },
      'update-expectations': { type: 'boolean', default: false },
      help,
    },
    details: [
      '--device <profile>          device profile, repeatable (default: reference-android and reference-ios)',
      '                            profiles: reference-android, reference-ios, android-emulator, ios-simulator',
      '--servers <backend>         embedded | nginx | testcontainers (default: embedded)',
      '--implementation <module>   RuntimeFactory module the reference devices host instead of the reference',
      '--expectations <path>       expectations file or folder of them, repeatable (default: harness/expectations)',
      '--grep <pattern>            run only tests whose title matches (e.g. a requirement ID)',
      '--report-dir <dir>          where results.json, junit.xml, report.html go (default: reports)',
      '--appium-url <url>          use this Appium server instead of starting one (VOLTMX_APPIUM_URL)',
      '--keep-pki                  keep the generated PKI folder (debugging; it holds private keys)',
      '--update-expectations       write expectations that make this run\'s results the new baseline',
    ],
    footer: ['Exit codes: 0 every result as expected; 1 unexpected results; 2 usage error; 3 infrastructure error;', '130 / 143 interrupted by SIGINT / SIGTERM (everything started is stopped, no report).'],
  },
  {
    name: 'servers up',
    summary: 'Start the server fleet and keep it up until Ctrl-C (for manual device runs)',
    usage: 'voltmx-conformance servers up [options]',
    options: { servers: { type: 'string', default: 'embedded' }, host: { type: 'string', multiple: true }, 'keep-pki': { type: 'boolean', default: false }, help },
    details: [
      '--servers <backend>   embedded | nginx | testcontainers (default: embedded)',
      '--host <name>         extra host name or IP for the server certificate, repeatable',
      '                      (it always covers localhost, 127.0.0.1, ::1 and 10.0.2.2)',
      '--keep-pki            keep the generated PKI folder after stopping',
    ],
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
