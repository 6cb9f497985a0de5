/** One series of the goodput-vs-offered-load chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  /** [offered load as a multiple of capacity, goodput as % of goodput at 1×] */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/**
 * A small self-contained SVG line chart, drawn from the benchmark's own
 * numbers so the knee is visible at a glance (docs/herd.svg).
 */
export function goodputChart(series: readonly Series[], title: string): string {
  const W = 640, H = 400, L = 60, R = 20, T = 40, B = 50;
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const maxY = Math.max(120, ...series.flatMap((s) => s.points.map((p) => p[1])));
  const x = (v: number): number => L + ((Math.log(v) - Math.log(xs[0]!)) / (Math.log(xs[xs.length - 1]!) - Math.log(xs[0]!) || 1)) * (W - L - R);
  const y = (v: number): number => H - B - (v / maxY) * (H - T - B);
  const grid = [0, 25, 50, 75, 100].map((v) =>
    `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${L - 8}" y="${y(v) + 4}" text-anchor="end" font-size="12">${v}%</text>`).join('');
  const ticks = xs.map((v) => `<text x="${x(v)}" y="${H - B + 18}" text-anchor="middle" font-size="12">${v}×</text>`).join('');
  const lines = series.map((s, i) => {
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
    const dots = s.points.map((p) => `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="4" fill="${s.color}"><title>${s.name} ${p[0]}×: ${p[1].toFixed(0)}%</title></circle>`).join('');
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.5"/>${dots}<text x="${W - R - 160}" y="${T + 16 + i * 18}" font-size="13" fill="${s.color}">■ ${s.name}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${title}</text>
${grid}${ticks}
<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#333"/><line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/>
<text x="${W / 2}" y="${H - 10}" text-anchor="middle" font-size="13">offered load (× measured capacity)</text>
<text x="16" y="${H / 2}" text-anchor="middle" font-size="13" transform="rotate(-90 16 ${H / 2})">goodput (% of goodput at 1×)</text>
${lines}
</svg>
`;
}
