import { PuppetError, UnsupportedError } from '../puppet-error.js';

/**
 * Time zones as Puppet's Timestamp reads them (`Timestamp.utc_offset`,
 * Ruby's `DateTime._strptime(tz, '%z')`): a numeric offset (`+01:00`,
 * `-0500`, `+9`, `UTC+2`), a zone abbreviation (`UTC`, `EST`, `CET`), or
 * `current` (the host's zone). Ruby knows more abbreviations than the table
 * below; a name outside it is not refused here but reported as unsupported
 * (so `--compiler auto` asks Puppet), never given a wrong offset.
 */

/** Offsets in hours of the abbreviations Ruby's date library knows (zonetab), the common ones. */
const ZONES: Readonly<Record<string, number>> = {
  utc: 0, ut: 0, gmt: 0, z: 0, wet: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7, akst: -9, akdt: -8, hst: -10, ast: -4, adt: -3, nst: -3.5, ndt: -2.5,
  cet: 1, cest: 2, met: 1, mest: 2, bst: 1, west: 1, eet: 2, eest: 3, msk: 3, ist: 5.5, sgt: 8, hkt: 8, awst: 8, jst: 9, kst: 9,
  acst: 9.5, acdt: 10.5, aest: 10, aedt: 11, nzst: 12, nzdt: 13,
};

/** The pattern of a zone as `%z`/`%Z` read it from a timestamp string (case-insensitive). */
export const ZONE_PATTERN = '(?:(?:gmt|utc?)?[-+]\\d+(?:[,.:]\\d+(?::\\d+)?)?|[a-z]+(?:\\s+dst)?)';

/** Seconds of a numeric offset: `+HH`, `+HHMM`, `+HHMMSS`, `+HH:MM[:SS]`; undefined if `s` is none. */
function numericOffset(s: string): number | undefined {
  const m = /^(?:gmt|utc?)?([-+])(\d+)(?:[:](\d+)(?::(\d+))?)?$/i.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let [h, min, sec] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (m[3] === undefined) {
    // Digits alone: H, HH, HMM, HHMM, HHMMSS.
    const d = m[2]!;
    if (d.length > 2) { h = Number(d.slice(0, 2 - (d.length % 2))); min = Number(d.slice(2 - (d.length % 2), 4 - (d.length % 2))); sec = Number(d.slice(4 - (d.length % 2)) || 0); }
  }
  return sign * (h * 3600 + min * 60 + sec);
}

/** The offset from UTC, in seconds, of a zone given to a Timestamp function or read from a string. */
export function utcOffset(zone: string): number {
  if (zone.toLowerCase() === 'current') return -new Date().getTimezoneOffset() * 60;
  const n = numericOffset(zone);
  if (n !== undefined) return n;
  if (!/^[a-z]+(?:\s+dst)?$/i.test(zone)) throw new PuppetError(`Illegal timezone '${zone}'`, undefined);
  const [name, dst] = zone.toLowerCase().split(/\s+/);
  const h = ZONES[name!];
  if (h === undefined) throw new UnsupportedError(`The time zone '${zone}' is not known to the builtin compiler`, undefined);
  return (h + (dst ? 1 : 0)) * 3600;
}
