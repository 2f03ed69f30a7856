import { spawn } from 'node:child_process';

/**
 * The CA names a server sends in its CertificateRequest, as `openssl s_client` (a real,
 * independent TLS client) reports them, in RFC 2253 form. [] when none are sent.
 */
export function advertisedCaNames(port: number, protocol: 'TLSv1.2' | 'TLSv1.3'): Promise<string[]> {
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
      if (section) resolve(section[1].split('\n').filter((l) => l.trim() !== ''));
      else if (out.includes('No client certificate CA names sent')) resolve([]);
      else reject(new Error(`openssl s_client printed no CA list:\n${out}`));
    };
    const timer = setTimeout(finish, 5000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The CA list is printed with the handshake summary, before "SSL handshake has read".
      if (out.includes('SSL handshake has read')) finish();
    });
    child.on('error', reject);
    child.stdin.end();
  });
}
