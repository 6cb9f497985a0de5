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

/**
 * Ruby's `IPAddr#to_s` for an IPv6 address without a prefix: groups without
 * leading zeros, the first longest run of zero groups as `::`, and
 * `::a.b.c.d` / `::ffff:a.b.c.d` for IPv4-compatible and -mapped ones.
 */
export function ipv6ToS(addr: string): string {
  const n = toBig(addr.replace(/^\[(.*)\]$/, '$1'), 6);
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  let str = groups.join(':');
  for (let run = 8; run >= 2; run--) {
    const zeros = Array<string>(run).fill('0').join(':');
    const re = run === 8 ? /^0(?::0){7}$/ : new RegExp(`\\b${zeros}\\b`);
    if (re.test(str)) { str = str.replace(re, run === 8 ? '::' : ':'); break; }
  }
  str = str.replace(/:{3,}/, '::');
  const m = /^::(ffff:)?([\da-f]{1,4}):([\da-f]{1,4})$/i.exec(str);
  if (m) {
    const [hi, lo] = [parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
    str = `::${m[1] ?? ''}${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return str;
}
