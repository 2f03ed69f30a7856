/** `node --import tsx devices/doctor/main.ts`: prints the doctor report; exit 1 when no profile is ready. */
import { formatDoctorReport, runDoctor } from './index.js';

const report = await runDoctor();
process.stdout.write(`${formatDoctorReport(report)}\n`);
process.exitCode = report.profiles.some((p) => p.ready) ? 0 : 1;
