import { isIP } from 'node:net';
import { failure } from './ruby-interop.js';

/** Ruby's `IPAddr` as stdlib uses it: parse an address with an optional prefix or mask, test containment. */

/** The IP version of `IPAddr.new(s)`, `undefined` where Ruby raises. */
export function ipVersion(s: unknown): 4 | 6 | undefined {
  if (typeof s !== 'string') return undefined;
  const [addr = '', mask, extra] = s.split('/');
  if (extra !== undefined) return undefined;
  const version = isIP(addr.replace(/^\[(.*)\]$/, '$1'));
  if (version === 0) return undefined;
  if (mask !== undefined && !/^\d+$/.test(mask) && isIP(mask) !== version) return undefined;
  if (mask !== undefined && /^\d+$/.test(mask) && Number(mask) > (version === 4 ? 32 : 128)) return undefined;
  return version as 4 | 6;
}

/** An address as a number of `bits` bits. */
function toBig(addr: string, version: 4 | 6): bigint {
  if (version === 4) return addr.split('.').reduce((n, o) => (n << 8n) + BigInt(Number(o)), 0n);
  const [head = '', tail] = addr.split('::');
  const groups = (p: string | undefined): string[] => (p ? p.split(':') : []);
  const expand = (gs: string[]): string[] => gs.flatMap((g) => (g.includes('.') ? ((n) => [(n >> 16n).toString(16), (n & 0xffffn).toString(16)])(toBig(g, 4)) : [g]));
  const h = expand(groups(head));
  const t = expand(groups(tail));
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((n, g) => (n << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

/** `IPAddr.new(range).include?(IPAddr.new(ip))`. */
export function ipRange(range: string, ip: string): boolean {
  const rv = ipVersion(range);
  const iv = ipVersion(ip);
  if (!rv) throw failure(`invalid address: ${range}`);
  if (!iv) throw failure(`invalid address: ${ip}`);
  if (rv !== iv) return false;
  const bits = rv === 4 ? 32 : 128;
  const [raddr = '', mask] = range.split('/');
  const prefix = mask === undefined ? bits : /^\d+$/.test(mask) ? Number(mask) : toBig(mask, rv).toString(2).replace(/0+$/, '').length;
  const shift = BigInt(bits - prefix);
  return toBig(raddr, rv) >> shift === toBig(ip.split('/')[0]!, iv) >> shift;
}
