/** servers/pki: the test PKI generator. Consumers depend on types.ts and createTestPki(). */
export { createTestPki, type CreateTestPkiOptions, type CreatedTestPki } from './create-test-pki.js';
export { CertificateBuilder, KeyUsage, randomSerial, type CertificateSigner, type IssuedCertificate } from './certificate-builder.js';
export { Pkcs12Builder, DEFAULT_PKCS12_ITERATIONS, type Pkcs12Protection } from './pkcs12-writer.js';
export { IncompleteCertificateError, InvalidHostNameError, PkiInputError, PrivateFolderRemovedError, UnknownBundleError } from './errors.js';
export { SERVER_HOST_NAMES } from './pki-plan.js';
export type * from './types.js';
