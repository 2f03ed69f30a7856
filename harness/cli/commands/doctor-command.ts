/** `doctor`: devices/doctor's report, limited to the profiles asked for. */
import { formatDoctorReport, runDoctor } from '../../../devices/doctor/index.js';
import { PROFILE_NAMES } from '../../../devices/profiles/index.js';
import { UsageError } from '../errors.js';
import type { CliIo, Values } from '../io.js';
import { withRunSetupChecks } from './run-setup-checks.js';

/** Exit 0 when every profile asked for is ready; without --device, when any profile is. */
export async function doctorCommand(values: Values, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const asked = values.device as string[] | undefined;
  const unknown = asked?.filter((n) => !(PROFILE_NAMES as readonly string[]).includes(n)) ?? [];
  if (unknown.length) throw new UsageError(`unknown device profile(s): ${unknown.join(', ')}; known: ${PROFILE_NAMES.join(', ')}`, 'doctor');
  const report = await withRunSetupChecks(await runDoctor({ env }), env);
  const profiles = asked ? report.profiles.filter((p) => asked.includes(p.profile)) : report.profiles;
  io.out(formatDoctorReport({ ...report, profiles }));
  return (asked ? profiles.every((p) => p.ready) : profiles.some((p) => p.ready)) ? 0 : 1;
}
