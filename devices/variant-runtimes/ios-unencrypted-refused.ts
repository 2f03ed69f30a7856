/**
 * VARIANT (correct): on iOS, a PKCS#12 that is not encrypted at all is refused (false), as
 * Apple documents that SecPKCS12Import imports no PKCS#12 data without a password
 * (platform-facts §3). Files encrypted under the empty password still load with pass "".
 * Differs from the reference's decision CA-PKCS12-UNENCRYPTED, and only there.
 */
import { createRuntime as createReference } from '../../reference/index.js';
import type { LoadFailure, RuntimeFactory } from '../../reference/runtime/contract.js';
import { wrapRuntime } from '../broken-runtimes/wrap-runtime.js';
import { certBytes, tableOf } from './load-arguments.js';

// DER of the OIDs that mark encrypted content: encryptedData (1.2.840.113549.1.7.6) and
// pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.2). A file with neither is stored in the clear.
const ENCRYPTED_DATA = Buffer.from('06092a864886f70d010706', 'hex');
const SHROUDED_KEY_BAG = Buffer.from('060b2a864886f70d010c0a0102', 'hex');

export function isUnencryptedPkcs12(bytes: Uint8Array): boolean {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return !data.includes(ENCRYPTED_DATA) && !data.includes(SHROUDED_KEY_BAG);
}

export const createRuntime: RuntimeFactory = (options) => {
  const inner = createReference(options);
  const load = inner.net.loadClientCertificate as (...args: unknown[]) => unknown;
  let refused: LoadFailure | null = null;
  return wrapRuntime(inner, {
    loadClientCertificate(...args) {
      refused = null;
      const table = tableOf(args);
      const bytes = table && typeof table.pass === 'string' ? certBytes(table.cert, (raw) => inner.convertToBase64(raw)) : null;
      // Anything unencrypted is refused; bad input among it was false anyway.
      if (options.platform === 'ios' && bytes && isUnencryptedPkcs12(bytes)) {
        refused = { code: 'PKCS12_NO_PASSWORD', message: 'PKCS#12 data without a password is not imported (Apple)' };
        return false;
      }
      return load(...args);
    },
    lastLoadFailure: () => refused ?? inner.lastLoadFailure?.() ?? null,
  });
};

export default createRuntime;
