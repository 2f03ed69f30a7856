/** Assembles voltmx.net for one runtime: the certificate API and both request APIs on one transport. */
import type { VoltmxNet } from '../runtime/contract.js';
import type { ClientCertificateApi } from '../credentials/load-client-certificate.js';
import { createHttpRequestClass } from './http-request/http-request.js';
import { InvokeService } from './invoke-service.js';
import type { Transport } from './transport.js';

export function createNet(certificates: ClientCertificateApi, transport: Transport): VoltmxNet {
  const invoker = new InvokeService(transport);
  // Rest parameters: the argument count itself is checked (101), as voltmx does.
  return {
    loadClientCertificate: (...args: unknown[]) => certificates.load(args),
    removeClientCertificate: (...args: unknown[]) => certificates.remove(args),
    HttpRequest: createHttpRequestClass(transport),
    invokeServiceAsync: (...args: unknown[]) => invoker.invoke(args),
    cancel: (...args: unknown[]) => invoker.cancel(args),
  } as VoltmxNet;
}
