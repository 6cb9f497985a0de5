import { UnsupportedError } from '../puppet-error.js';

/**
 * Ruby's `Time#strftime` (Ruby 3.1, as Puppet 7's `strftime` and a
 * Timestamp's string form use it) over a Timestamp's nanoseconds seen at a
 * UTC offset. Every conversion (`%Y %C %y %m %B %b %h %d %e %j %H %k %I %l
 * %P %p %M %S %L %N %z %:z %::z %Z %A %a %u %w %G %g %V %U %W %s %n %t %%`
 * and the combinations `%c %D %x %F %T %X %R %r %v`), flags `- _ 0 ^ #`,
 * widths. An unknown conversion is written as it stands, as Ruby does; flags
 * on `%z` that Ruby treats in its own way are reported as unsupported.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Civil fields of a moment. */
interface Fields {
  year: number; month: number; day: number; yday: number; wday: number;
  hour: number; min: number; sec: number; nanos: bigint; epochSeconds: bigint; offset: number; zone: string;
}

/** Days since 1970-01-01 as a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const floorDiv = (a: bigint, b: bigint): bigint => { const q = a / b; return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q; };

function fieldsOf(nsecs: bigint, offset: number, zone: string): Fields {
  const local = nsecs + BigInt(offset) * 1_000_000_000n;
  const secs = floorDiv(local, 1_000_000_000n);
  const nanos = local - secs * 1_000_000_000n;
  const days = Number(floorDiv(secs, 86400n));
  const sod = Number(secs - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  return {
    year, month, day, yday: days - daysFromCivil(year, 1, 1) + 1, wday: (((days + 4) % 7) + 7) % 7,
    hour: Math.floor(sod / 3600), min: Math.floor(sod / 60) % 60, sec: sod % 60, nanos, epochSeconds: floorDiv(nsecs, 1_000_000_000n), offset, zone,
  };
}

/** ISO 8601 week-based year and week number. */
function isoWeek(f: Fields): [number, number] {
  const wdayMon = (f.wday + 6) % 7; // Monday 0
  const thursdayYday = f.yday - wdayMon + 3; // the week's Thursday, day of this year (may fall outside it)
  if (thursdayYday < 1) {
    const prev = f.year - 1;
    const prevDays = daysFromCivil(f.year, 1, 1) - daysFromCivil(prev, 1, 1);
    return [prev, Math.floor((thursdayYday + prevDays - 1) / 7) + 1];
  }
  const yearDays = daysFromCivil(f.year + 1, 1, 1) - daysFromCivil(f.year, 1, 1);
  if (thursdayYday > yearDays) return [f.year + 1, 1];
  return [f.year, Math.floor((thursdayYday - 1) / 7) + 1];
}

const COMBINATIONS: Readonly<Record<string, string>> = {
  c: '%a %b %e %H:%M:%S %Y', D: '%m/%d/%y', x: '%m/%d/%y', F: '%Y-%m-%d', T: '%H:%M:%S', X: '%H:%M:%S', R: '%H:%M', r: '%I:%M:%S %p', v: '%e-%^b-%4Y',
};

/** A number padded as the flags ask: `-` none, `_` spaces, `0` zeroes, else the conversion's own padding. */
function num(n: number | bigint, flags: string, width: string, dflt: number, pad: '0' | ' ' = '0'): string {
  if (flags.includes('-')) return String(n);
  const p = flags.includes('_') ? ' ' : flags.includes('0') ? '0' : pad;
  const w = width ? Number(width) : dflt;
  const neg = typeof n === 'bigint' ? n < 0n : n < 0;
  const digits = String(neg ? -n : n);
  if (p === ' ') return `${neg ? '-' : ''}${digits}`.padStart(w, ' ');
  return `${neg ? '-' : ''}${digits.padStart(neg ? w - 1 : w, '0')}`;
}

/** Ruby's FILL_PADDING: up to the width, unless `-`, with zeroes after `0`, else spaces. */
function padded(s: string, flags: string, width: string): string {
  return width && !flags.includes('-') ? s.padStart(Number(width), flags.includes('0') ? '0' : ' ') : s;
}

/** A text conversion: `^` upper-case, `#` changes case (`swapTo`); nothing at all for an empty text (`%Z` at an offset). */
function text(s: string, flags: string, width: string, swapTo: 'upper' | 'lower' = 'upper'): string {
  if (s === '') return '';
  const out = flags.includes('^') && !(flags.includes('#') && swapTo === 'lower') ? s.toUpperCase() : flags.includes('#') ? (swapTo === 'upper' ? s.toUpperCase() : s.toLowerCase()) : s;
  return padded(out, flags, width);
}

/** The fraction of a second to `digits` digits (`%L`: 3, `%N`: 9, `%6N`), truncated or zero-extended. */
function fraction(nanos: bigint, digits: number): string {
  const s = String(nanos).padStart(9, '0');
  return digits <= 9 ? s.slice(0, digits) : s.padEnd(digits, '0');
}

function zoneOffset(offset: number, colons: string, flags: string, width: string): string {
  if (flags || width) throw new UnsupportedError(`strftime: the builtin compiler does not implement '%${flags}${width}${colons}z'`, undefined);
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const [h, m, s] = [Math.floor(a / 3600), Math.floor(a / 60) % 60, a % 60].map((n) => String(n).padStart(2, '0'));
  if (colons === '::') return `${sign}${h}:${m}:${s}`;
  return colons === ':' ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function convert(f: Fields, flags: string, width: string, colons: string, c: string, whole: string): string {
  if (colons && c !== 'z') return whole;
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (c) {
    case 'Y': return f.year >= 0 && !width && !flags ? String(f.year).padStart(4, '0') : num(f.year, flags, width, f.year < 0 ? 5 : 4);
    case 'C': return num(Math.floor(f.year / 100), flags, width, 2);
    case 'y': return num(((f.year % 100) + 100) % 100, flags, width, 2);
    case 'm': return num(f.month, flags, width, 2);
    case 'd': return num(f.day, flags, width, 2);
    case 'e': return num(f.day, flags, width, 2, ' ');
    case 'j': return num(f.yday, flags, width, 3);
    case 'H': return num(f.hour, flags, width, 2);
    case 'k': return num(f.hour, flags, width, 2, ' ');
    case 'I': return num(hour12, flags, width, 2);
    case 'l': return num(hour12, flags, width, 2, ' ');
    case 'M': return num(f.min, flags, width, 2);
    case 'S': return num(f.sec, flags, width, 2);
    case 'L': return fraction(f.nanos, width ? Number(width) : 3);
    case 'N': return fraction(f.nanos, width ? Number(width) : 9);
    case 'u': return num(f.wday === 0 ? 7 : f.wday, flags, width, 1);
    case 'w': return num(f.wday, flags, width, 1);
    case 'U': return num(Math.floor((f.yday - 1 + 7 - f.wday) / 7), flags, width, 2);
    case 'W': return num(Math.floor((f.yday - 1 + 7 - ((f.wday + 6) % 7)) / 7), flags, width, 2);
    case 'G': return num(isoWeek(f)[0], flags, width, 4);
    case 'g': return num(((isoWeek(f)[0] % 100) + 100) % 100, flags, width, 2);
    case 'V': return num(isoWeek(f)[1], flags, width, 2);
    case 's': return num(f.epochSeconds, flags, width, 1);
    case 'B': return text(MONTHS[f.month - 1]!, flags, width);
    case 'b': case 'h': return text(MONTHS[f.month - 1]!.slice(0, 3), flags, width);
    case 'A': return text(DAYS[f.wday]!, flags, width);
    case 'a': return text(DAYS[f.wday]!.slice(0, 3), flags, width);
    case 'p': return text(f.hour < 12 ? 'AM' : 'PM', flags, width, 'lower');
    case 'P': return text(f.hour < 12 ? 'am' : 'pm', flags, width);
    case 'Z': return text(f.zone, flags, width, 'lower');
    case 'z': return zoneOffset(f.offset, colons, flags, width);
    case 'n': return padded('\n', flags, width);
    case 't': return padded('\t', flags, width);
    case '%': return padded('%', flags, width);
    default: {
      const combined = COMBINATIONS[c];
      if (combined === undefined) return whole;
      // Ruby pads a combination to the width whatever the flags (zeroes after `0`); `^` upper-cases it, `#` does nothing.
      const out = flags.includes('^') ? render(f, combined).toUpperCase() : render(f, combined);
      return width ? out.padStart(Number(width), flags.includes('0') ? '0' : ' ') : out;
    }
  }
}

const DIRECTIVE = /%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])/g;

const render = (f: Fields, format: string): string =>
  format.replace(DIRECTIVE, (whole, flags: string, width: string, colons: string, c: string) => convert(f, flags, width, colons, c, whole));

/**
 * A moment (nanoseconds since the epoch) formatted as Ruby's `strftime`:
 * in UTC (`%Z` is `UTC`) unless an offset in seconds is given (a fixed
 * offset, whose `%Z` is empty, as Ruby's `Time#localtime('+01:00')`).
 */
export function formatTimestamp(nsecs: bigint, format: string, offset?: number): string {
  return render(fieldsOf(nsecs, offset ?? 0, offset === undefined ? 'UTC' : ''), format);
}
