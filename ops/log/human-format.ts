/** The fields every entry has; the rest are shown as `key=value`. */
const OWN = new Set(['level', 'time', 'pid', 'msg']);

/**
 * One log entry (a JSON line as the logger writes it) as a line for a
 * terminal: `HH:MM:SS.mmm LEVEL message key=value …`. An error's stack
 * follows on its own lines. A line that is not JSON is passed on as is.
 */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 23) : '';
  const level = String(entry['level'] ?? '').toUpperCase().padEnd(5);
  let stack = '';
  const fields: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (OWN.has(key)) continue;
    if (key === 'err' && typeof value === 'object' && value !== null && 'stack' in value) {
      stack = `\n${String((value as { stack: unknown }).stack)}`;
      continue;
    }
    fields.push(`${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  }
  return `${time} ${level} ${String(entry['msg'] ?? '')}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}${stack}\n`;
}
