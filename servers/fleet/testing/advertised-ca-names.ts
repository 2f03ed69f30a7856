import { spawn } from 'node:child_process';

/** A CertificateRequest as `openssl s_client` (a real, independent TLS client) reports it. */
export interface ObservedCertificateRequest {
  /** Acceptable CA names in RFC 2253 form; [] when none are sent. */
  readonly caNames: string[];
  /** TLS 1.2 certificate_types, e.g. ['RSA sign', 'ECDSA sign']; [] when absent (TLS 1.3). */
  readonly certificateTypes: string[];
  /** signature_algorithms, e.g. ['ECDSA+SHA256']. */
  readonly signatureAlgorithms: string[];
}

export async function advertisedCaNames(port: number, protocol: 'TLSv1.2' | 'TLSv1.3'): Promise<string[]> {
  return (await observeCertificateRequest(port, protocol)).caNames;
}

export function observeCertificateRequest(port: number, protocol: 'TLSv1.2' | 'TLSv1.3'): Promise<ObservedCertificateRequest> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', [
      's_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost',
      protocol === 'TLSv1.2' ? '-tls1_2' : '-tls1_3', '-nameopt', 'RFC2253', '-no_ign_eof',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const finish = (): void => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      const section = /Acceptable client certificate CA names\n([\s\S]*?)\n(?:Requested|Client Certificate Types|Shared)/.exec(out);
      const caNames = section ? section[1].split('\n').filter((l) => l.trim() !== '')
        : out.includes('No client certificate CA names sent') ? [] : null;
      if (!caNames) return reject(new Error(`openssl s_client printed no CA list:\n${out}`));
      const list = (label: string, separator: string): string[] =>
        new RegExp(`^${label}: (.*)$`, 'm').exec(out)?.[1].split(separator).map((x) => x.trim()) ?? [];
      resolve({
        caNames,
        certificateTypes: list('Client Certificate Types', ','),
        signatureAlgorithms: list('Requested Signature Algorithms', ':'),
      });
    };
    const timer = setTimeout(finish, 5000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The CertificateRequest is printed with the handshake summary, before "SSL handshake has read".
      if (out.includes('SSL handshake has read')) finish();
    });
    child.on('error', reject);
    child.stdin.end();
  });
}
