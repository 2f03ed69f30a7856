/**
 * What a rerun line keeps of a `run` command line: everything that changes the behaviour or
 * the environment of that one requirement on that one device, as the user typed it (paths
 * stay relative to their working folder). Left out: the selection the rerun line replaces
 * (--device/--devices/--only-device, --requirement, --grep, --shard) and what only concerns
 * this run's output (--report-dir, --update-expectations, --keep-pki).
 */
import { devicesFileDevice, profileDevice, type DeviceSelector } from '../../reports/rerun.js';
import { publicUrl } from '../../reports/provenance.js';
import type { Values } from '../io.js';

/** The run's settings, repeated by every rerun line (the device and the requirement come first). */
export function rerunArgsOf(values: Values): string[] {
  const args: string[] = [];
  if (typeof values.servers === 'string' && values.servers !== 'embedded') args.push('--servers', values.servers);
  if (typeof values.implementation === 'string') args.push('--implementation', values.implementation);
  for (const path of (values.expectations as string[] | undefined) ?? []) args.push('--expectations', path);
  if (typeof values.pki === 'string') args.push(values.pki === '' ? '--pki' : `--pki=${values.pki}`);
  if (typeof values.bind === 'string' && values.bind !== '127.0.0.1') args.push('--bind', values.bind);
  for (const host of (values.host as string[] | undefined) ?? []) args.push('--host', host);
  if (typeof values.ports === 'string') args.push('--ports', values.ports);
  if (values['adb-reverse'] === true) args.push('--adb-reverse');
  if (values.strict === true) args.push('--strict');
  // A farm's credentials never reach a report: the rerun line has the URL without them.
  if (typeof values['appium-url'] === 'string') args.push('--appium-url', withoutCredentials(values['appium-url']));
  return args;
}

function withoutCredentials(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  return parsed && (parsed.username || parsed.password) ? publicUrl(url) ?? url : url;
}

/** `--device <profile>`, or `--devices <file as given> --only-device <name>`. */
export function rerunDeviceOf(values: Values): DeviceSelector {
  const file = values.devices;
  return typeof file === 'string' ? (device) => devicesFileDevice(file, device) : profileDevice;
}
