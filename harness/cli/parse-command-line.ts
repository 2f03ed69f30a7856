/** Splits argv into a command and its options with node:util parseArgs (strict). */
import { parseArgs } from 'node:util';
import { COMMANDS, type CommandSpec } from './commands.js';
import { UsageError } from './errors.js';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command?: CommandSpec }
  | { readonly kind: 'version' }
  | { readonly kind: 'command'; readonly command: CommandSpec; readonly values: Record<string, string | boolean | string[] | undefined>; readonly positionals: readonly string[] };

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  const twoWord = COMMANDS.find((c) => c.name === `${first} ${second}`);
  const command = twoWord ?? COMMANDS.find((c) => c.name === first);
  if (!command) {
    const group = COMMANDS.find((c) => c.name.startsWith(`${first} `));
    if (group && (second === undefined || second === '--help' || second === '-h')) {
      // A group of several commands (pki init / show / export): the list of commands.
      const several = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).length > 1;
      return several ? { kind: 'help' } : { kind: 'help', command: group };
    }
    throw new UsageError(group ? `unknown subcommand "${first} ${second}"` : `unknown command "${first}"`);
  }
  const rest = withOptionalValues(argv.slice(twoWord ? 2 : 1), command);
  let values: ParsedCommandLine & { kind: 'command' } extends { values: infer V } ? V : never;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: command.positionals === true });
    values = parsed.values as typeof values;
    positionals = parsed.positionals;
  } catch (error) {
    throw new UsageError((error as Error).message, command.name);
  }
  if (values.help) return { kind: 'help', command };
  return { kind: 'command', command, values, positionals };
}

/** Options whose value may be left out (`--pki` alone means the default folder): given as "". */
const OPTIONAL_VALUE = ['pki'];

function withOptionalValues(args: readonly string[], command: CommandSpec): string[] {
  return args.map((arg, i) => {
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const next = args[i + 1];
    const bare = OPTIONAL_VALUE.includes(name) && command.options[name] && (next === undefined || next.startsWith('-'));
    return bare ? `${arg}=` : arg;
  });
}
