import { PuppetError, UnsupportedError } from '../puppet-error.js';
import { daysFromCivil } from './ruby-strftime.js';
import { utcOffset, ZONE_PATTERN } from './time-zone.js';

/**
 * `Timestamp.new($string, $format, $timezone)` as Puppet's
 * `Timestamp.parse` does it: Ruby's `DateTime._strptime` reads the fields
 * (`%Y %C %y %m %B %b %h %d %e %j %H %k %I %l %M %S %L %N %p %P %z %Z %a %A
 * %F %T %D %x %R %r %X %c %n %t %%`; a blank in the format reads any
 * blanks), the whole string must be read, and the time is UTC unless a zone
 * is read or given. Without a format, Puppet's defaults are tried in order.
 */

const DEFAULT_FORMATS_WO_TZ = ['%FT%T.%N', '%FT%T', '%F %T.%N', '%F %T', '%F'];
const DEFAULT_FORMATS = ['%FT%T.%N %Z', '%FT%T %Z', '%F %T.%N %Z', '%F %T %Z', '%F %Z', ...DEFAULT_FORMATS_WO_TZ];

const COMBINATIONS: Readonly<Record<string, string>> = {
  F: '%Y-%m-%d', T: '%H:%M:%S', X: '%H:%M:%S', D: '%m/%d/%y', x: '%m/%d/%y', R: '%H:%M', r: '%I:%M:%S %p', c: '%a %b %e %H:%M:%S %Y',
};
const MONTH_NAMES = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_NAMES = '(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*';

type Field = 'year' | 'century' | 'year2' | 'mon' | 'monName' | 'mday' | 'yday' | 'hour' | 'hour12' | 'min' | 'sec' | 'fraction' | 'merid' | 'zone' | 'ignore';

interface Compiled { regexp: RegExp; fields: Field[] }

/** Whether the directive after position `i` of `fmt` reads digits (then a number before it is read by its width). */
const digitsFollow = (fmt: string, i: number): boolean => /^%[-_0^#]*\d*[YCymdejHkIlMSLNsQ]/.test(fmt.slice(i));

function compile(format: string): Compiled {
  const fields: Field[] = [];
  let src = '';
  const expanded = format.replace(/%([FTXDxRrc])/g, (_m, c: string) => COMBINATIONS[c]!);
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i]!;
    if (/\s/.test(ch)) { src += '\\s*'; continue; }
    if (ch !== '%') { src += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'); continue; }
    const m = /^%([-_0^#]*\d*)([a-zA-Z%+])/.exec(expanded.slice(i));
    if (!m) { src += '%'; continue; }
    // Ruby's _strptime reads `%3N` as no field (Puppet then refuses the string); flags and widths are left to Puppet.
    if (m[1]) throw new UnsupportedError(`The builtin compiler does not parse timestamps with the format directive '${m[0]}'`, undefined);
    i += m[0].length - 1;
    const limited = digitsFollow(expanded, i + 1);
    const num = (w: number, field: Field): void => { src += `\\s*([-+]?\\d{1,${w}})`; fields.push(field); };
    switch (m[2]) {
      case 'Y': src += limited ? '([-+]?\\d{1,4})' : '([-+]?\\d+)'; fields.push('year'); break;
      case 'C': num(2, 'century'); break;
      case 'y': num(2, 'year2'); break;
      case 'm': num(2, 'mon'); break;
      case 'd': case 'e': num(2, 'mday'); break;
      case 'j': num(3, 'yday'); break;
      case 'H': case 'k': num(2, 'hour'); break;
      case 'I': case 'l': num(2, 'hour12'); break;
      case 'M': num(2, 'min'); break;
      case 'S': num(2, 'sec'); break;
      case 'L': case 'N': src += limited ? `(\\d{1,${m[2] === 'L' ? 3 : 9}})` : '(\\d+)'; fields.push('fraction'); break;
      case 'p': case 'P': src += '([ap])(?:m\\b|\\.m\\.)'; fields.push('merid'); break;
      case 'b': case 'B': case 'h': src += MONTH_NAMES; fields.push('monName'); break;
      case 'a': case 'A': src += DAY_NAMES; break;
      case 'z': case 'Z': src += `(${ZONE_PATTERN})`; fields.push('zone'); break;
      case 'n': case 't': src += '\\s+'; break;
      case '%': src += '%'; break;
      default:
        throw new UnsupportedError(`The builtin compiler does not parse timestamps with the format directive '${m[0]}'`, undefined);
    }
  }
  return { regexp: new RegExp(`^${src}`, 'i'), fields };
}

const COMPILED = new Map<string, Compiled>();
const MAX_CACHED_FORMATS = 1000;

interface Parsed { year?: number; mon?: number; mday?: number; hour?: number; min?: number; sec?: number; nanos?: bigint; zone?: string }

/** `DateTime._strptime(str, fmt)`: the fields read, or undefined when the format does not read the whole string. */
function strptime(str: string, format: string): Parsed | undefined {
  let c = COMPILED.get(format);
  if (!c) { c = compile(format); if (COMPILED.size < MAX_CACHED_FORMATS) COMPILED.set(format, c); }
  const m = c.regexp.exec(str);
  if (!m || m[0].length !== str.length) return undefined;
  const p: Parsed = {};
  let century: number | undefined, year2: number | undefined, hour12: number | undefined, merid: string | undefined;
  c.fields.forEach((f, n) => {
    const g = m[n + 1]!;
    switch (f) {
      case 'year': p.year = Number(g); break;
      case 'century': century = Number(g); break;
      case 'year2': year2 = Number(g); break;
      case 'mon': p.mon = Number(g); break;
      case 'monName': p.mon = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(g.slice(0, 3).toLowerCase()) + 1; break;
      case 'mday': p.mday = Number(g); break;
      case 'hour': p.hour = Number(g); break;
      case 'hour12': hour12 = Number(g); break;
      case 'min': p.min = Number(g); break;
      case 'sec': p.sec = Number(g); break;
      case 'fraction': p.nanos = BigInt(g.padEnd(9, '0').slice(0, 9)); break;
      case 'merid': merid = g.toLowerCase(); break;
      case 'zone': p.zone = g; break;
      default: break;
    }
  });
  if (year2 !== undefined) p.year = century !== undefined ? century * 100 + year2 : year2 + (year2 >= 69 ? 1900 : 2000);
  else if (century !== undefined && p.year === undefined) p.year = century * 100;
  if (hour12 !== undefined) p.hour = hour12;
  if (merid !== undefined && p.hour !== undefined) p.hour = (p.hour % 12) + (merid === 'p' ? 12 : 0);
  return p;
}

/** `Time.utc(year, mon, mday, hour, min, sec, fraction)`: what Ruby would refuse or roll over is left to Puppet. */
function utcNanos(p: Parsed, str: string): bigint {
  const [mon, mday, hour, min, sec] = [p.mon ?? 1, p.mday ?? 1, p.hour ?? 0, p.min ?? 0, p.sec ?? 0];
  if (p.year === undefined || mon < 1 || mon > 12 || mday < 1 || mday > new Date(Date.UTC(2000, mon, 0)).getUTCDate()
    || (mon === 2 && mday === 29 && daysFromCivil(p.year, 3, 1) - daysFromCivil(p.year, 2, 1) !== 29) || hour > 23 || min > 59 || sec > 59) {
    throw new UnsupportedError(`The builtin compiler does not make a Timestamp of the fields read from '${str}'`, undefined);
  }
  const seconds = BigInt(daysFromCivil(p.year, mon, mday)) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  return seconds * 1_000_000_000n + (p.nanos ?? 0n);
}

/** The nanoseconds since the epoch of a timestamp string. */
export function parseTimestamp(str: string, format?: string | readonly string[], timezone?: string): bigint {
  const hasTimezone = timezone !== undefined && timezone !== '';
  let parsed: Parsed | undefined;
  if (format === undefined || typeof format !== 'string') {
    const formats = format ?? (hasTimezone ? DEFAULT_FORMATS_WO_TZ : DEFAULT_FORMATS);
    // The first format that reads the whole string (and no zone, when one is given).
    for (const f of formats) {
      const p = strptime(str, f);
      if (p !== undefined && !(hasTimezone && p.zone !== undefined)) { parsed = p; break; }
    }
    if (!parsed) throw new PuppetError(`Unable to parse '${str}' using any of the formats ${formats.join(', ')}`, undefined);
  } else {
    parsed = strptime(str, format);
    if (!parsed) throw new PuppetError(`Unable to parse '${str}' using format '${format}'`, undefined);
    if (hasTimezone && parsed.zone !== undefined) {
      throw new PuppetError('Using a Timezone designator in format specification is mutually exclusive to providing an explicit timezone argument', undefined);
    }
  }
  const zone = hasTimezone ? timezone : parsed.zone;
  const nanos = utcNanos(parsed, str);
  return zone === undefined ? nanos : nanos - BigInt(utcOffset(zone)) * 1_000_000_000n;
}
