export { runDoctor } from './doctor.js';
export { formatDoctorReport } from './format.js';
export type { CheckId, CheckResult, DoctorReport, ProfileReadiness } from './types.js';
