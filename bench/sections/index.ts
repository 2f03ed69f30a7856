import { appHostsSection } from './app-hosts.js';
import { conformanceRunSection } from './conformance-run.js';
import { deviceProtocolSection } from './device-protocol.js';
import { fleetStartSection } from './fleet-start.js';
import { gridSection } from './grid.js';
import { handshakeRecordingSection } from './handshake-recording.js';
import { memorySection } from './memory.js';
import { pkcs12LoadSection } from './pkcs12-load/index.js';
import { requestsSection } from './requests.js';
import { selectionSection } from './selection.js';
import type { BenchSection } from './types.js';

export const SECTIONS: readonly BenchSection[] = [
  requestsSection, selectionSection, pkcs12LoadSection, fleetStartSection, conformanceRunSection, memorySection, deviceProtocolSection, gridSection,
  handshakeRecordingSection, appHostsSection,
];

export type { BenchSection };
