/** Parsing the `command` input: one Command as JSON, or a JSON array of them (a batch). */
import { COMMAND_ACTIONS, type Command, type TextFileRef } from './contract.js';
import { AppActionError } from './app-errors.js';

export function isTextFileRef(value: unknown): value is TextFileRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.keys(value).length === 1 && typeof (value as { $textFile?: unknown }).$textFile === 'string';
}

function asCommand(value: unknown, where: string): Command {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppActionError('APP_BAD_COMMAND', `${where} must be a JSON object with an "action"`);
  }
  const action = (value as { action?: unknown }).action;
  if (!(COMMAND_ACTIONS as readonly unknown[]).includes(action)) {
    throw new AppActionError('APP_UNKNOWN_ACTION', `${where}: action must be one of ${COMMAND_ACTIONS.join(', ')}; got ${JSON.stringify(action)}`);
  }
  return value as Command;
}

/** A single command, or the steps of a batch (a JSON array). */
export function parseCommand(text: string): Command | Command[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppActionError('APP_BAD_COMMAND', 'command is not valid JSON');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new AppActionError('APP_BAD_COMMAND', 'a batch needs at least one command');
    return value.map((step, i) => asCommand(step, `step ${i}`));
  }
  return asCommand(value, 'command');
}

/** Shows a command with its passwords hidden, as the input reads back to automation. */
export function maskSecrets(text: string): string {
  return text.replace(/"(password|pass)"(\s*):(\s*)"(?:[^"\\]|\\.)*"/g, (_m, key: string, a: string, b: string) => `"${key}"${a}:${b}"•••"`);
}
