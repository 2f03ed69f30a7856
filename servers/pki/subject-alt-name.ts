/** subjectAltName GeneralNames from host names: dNSName for names, iPAddress for IPv4/IPv6. */
import { isIP } from 'node:net';
import { implicitPrimitive, sequence } from './der-writer.js';
import { InvalidHostNameError } from './errors.js';

const DNS_NAME = /^(?=.{1,253}$)(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map((part) => Number(part)));
}

export function ipv6Bytes(address: string): Buffer {
  let text = address;
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const b = ipv4Bytes(v4[1]!);
    text = `${text.slice(0, v4.index)}${b.readUInt16BE(0).toString(16)}:${b.readUInt16BE(2).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];
  const out = Buffer.alloc(16);
  groups.forEach((group, i) => out.writeUInt16BE(parseInt(group, 16), i * 2));
  return out;
}

/** One GeneralName for a host: throws InvalidHostNameError for anything else. */
export function generalName(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return implicitPrimitive(7, ipv4Bytes(host));
  if (family === 6) return implicitPrimitive(7, ipv6Bytes(host));
  if (!DNS_NAME.test(host)) throw new InvalidHostNameError(host);
  // dNSName is [2] IMPLICIT IA5String: the IA5String's content octets under tag 0x82.
  return implicitPrimitive(2, Buffer.from(host, 'ascii'));
}

export function encodeSubjectAltName(hosts: readonly string[]): Buffer {
  return sequence(...hosts.map(generalName));
}
