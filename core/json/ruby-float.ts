/**
 * Ruby's `Float#to_s`: `2.0`, `0.5`, `1.0e+15`, `2.5e-05`. Puppet prints a
 * Float so, and Ruby's JSON generator writes one so: a catalog's `2.0`
 * stays `2.0`, as an agent and PuppetDB read it.
 */
export function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '-0.0';
  const abs = Math.abs(n);
  // Ruby: exponent form below 1e-4, and from 1e16 — or from 1e15 when the digits would need zero padding.
  const [m, e] = abs.toExponential().split('e') as [string, string];
  const decpt = Number(e) + 1;
  if (abs !== 0 && (decpt < -3 || decpt > 16 || (decpt > 15 && decpt > m.replace('.', '').length))) {
    const [mantissa, exp] = n.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exp[0]}${exp.slice(1).padStart(2, '0')}`;
  }
  const s = String(n);
  return s.includes('.') ? s : `${s}.0`;
}
