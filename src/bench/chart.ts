/**
 * The benchmark chart (`numaccel bench --svg <file>`): for each workload, one horizontal bar per
 * backend, variant, `auto`, peer and baseline, showing its speed-up over the TypeScript reference
 * on a log scale. Bars grow from 1× (the reference): right is faster, left slower. Hand-written SVG.
 */
import { formatRatio, formatTime } from './format.js';
import type { BenchResults, Row } from './results.js';

const WIDTH = 1000;
const LABEL_RIGHT = 300; // per-bar labels end here
const PLOT_LEFT = 312;
const PLOT_RIGHT = 850; // room to the right for value labels
const BAR = 11;
const ROW = 15;
const CASE_HEADER = 22;
const GROUP_HEADER = 30;
const SEED = '#b8322a';
/** A white outline behind value labels, so that grid and seed lines never cross the text. */
const HALO = "stroke='#fff' stroke-width='3' stroke-linejoin='round' paint-order='stroke'";
const FONT = "font-family='DejaVu Sans, Verdana, Arial, sans-serif'";

const COLOURS: Record<string, string> = {
  'native:avx512': '#0b2f5c',
  'native:avx2': '#1d4e89',
  'native:sse2': '#4a84c8',
  'native:neon': '#4a84c8',
  'native:scalar': '#9dbfe6',
  'wasm:simd128': '#c4561b',
  'wasm:scalar': '#f0a878',
  js: '#8a8a8a',
  auto: '#2e9e44',
  peer: '#8c6bb1',
  baseline: '#4d4d4d',
};

const LEGEND: Record<string, string> = {
  'native:avx512': 'native avx512',
  'native:avx2': 'native avx2',
  'native:sse2': 'native sse2',
  'native:neon': 'native neon',
  'native:scalar': 'native scalar',
  'wasm:simd128': 'wasm simd128',
  'wasm:scalar': 'wasm scalar',
  js: 'js (TS reference)',
  auto: 'auto',
  peer: 'peer library',
  baseline: "baseline (seed's algorithm, primesieve)",
};

function legendKey(row: Row): string {
  if (row.kind === 'backend')
    return row.target in COLOURS ? row.target : row.backend === 'native' ? 'native:avx2' : row.backend === 'wasm' ? 'wasm:simd128' : 'js';
  return row.kind === 'external' ? 'baseline' : row.kind;
}

function colourOf(row: Row): string {
  return COLOURS[legendKey(row)]!;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function barLabel(row: Row): string {
  if (row.kind === 'auto') return row.served ? `auto → ${row.served}` : 'auto';
  if (row.label === 'native (every variant)') return 'native';
  return row.label;
}

/** Approximate width of a label at 11 px, to keep value labels clear of the axis. */
const textWidth = (text: string) => text.length * 6.4;

export function renderChart(results: BenchResults): string {
  const bars = results.rows.filter((r) => r.vsJs !== undefined && r.vsJs > 0);
  const ratios = bars.map((r) => r.vsJs!);
  // Decades covering the data, clamped to 10^-2..10^4: a bar beyond is drawn to the edge, its value written.
  const lo = Math.max(-2, Math.min(-1, Math.floor(Math.log10(Math.min(...ratios)))));
  const hi = Math.min(4, Math.max(1, Math.ceil(Math.log10(Math.max(...ratios)))));
  const x = (ratio: number) => PLOT_LEFT + ((Math.log10(ratio) - lo) / (hi - lo)) * (PLOT_RIGHT - PLOT_LEFT);
  const clampX = (ratio: number) => Math.min(PLOT_RIGHT, Math.max(PLOT_LEFT, x(ratio)));

  const body: string[] = [];
  let y = 118; // below the title, legend and top axis
  for (const group of results.groups) {
    const cases = results.cases.filter((c) => c.group === group.id);
    if (!cases.some((c) => bars.some((b) => b.case === c.id))) continue;
    y += 8;
    body.push(`<rect x='0' y='${y}' width='${WIDTH}' height='${GROUP_HEADER - 8}' fill='#eef1f5'/>`);
    body.push(`<text x='10' y='${y + 16}' font-size='14' font-weight='bold' fill='#1a1a1a'>${escapeXml(group.title)}</text>`);
    y += GROUP_HEADER - 4;
    for (const kase of cases) {
      const mine = bars.filter((b) => b.case === kase.id);
      if (mine.length === 0) continue;
      body.push(`<text x='14' y='${y + 15}' font-size='12.5' font-weight='bold' fill='#333'>${escapeXml(kase.title)}</text>`);
      // The seed's compared figure for the same job, as a dashed line over the case's bars.
      const js = mine.find((r) => r.kind === 'backend' && r.backend === 'js');
      if (group.seed && js?.medianMs !== undefined) {
        const seedRatio = js.medianMs / group.seed.compare.ms;
        if (x(seedRatio) >= PLOT_LEFT && x(seedRatio) <= PLOT_RIGHT) {
          const sx = x(seedRatio).toFixed(1);
          body.push(
            `<line x1='${sx}' y1='${y + 4}' x2='${sx}' y2='${y + CASE_HEADER + mine.length * ROW}' stroke='${SEED}' stroke-width='1.5' stroke-dasharray='4 3'/>`,
          );
          body.push(
            `<text x='${(x(seedRatio) + 4).toFixed(1)}' y='${y + 15}' font-size='11' fill='${SEED}'>seed: ${escapeXml(group.seed.compare.label)} ${escapeXml(formatTime(group.seed.compare.ms))}</text>`,
          );
        }
      }
      y += CASE_HEADER;
      for (const row of mine) {
        const ratio = row.vsJs!;
        const from = x(1);
        const to = clampX(ratio);
        const left = Math.min(from, to);
        const barWidth = Math.max(2, Math.abs(to - from));
        const top = y + (ROW - BAR) / 2;
        const colour = colourOf(row);
        const auto = row.kind === 'auto';
        body.push(
          `<text x='${LABEL_RIGHT}' y='${y + 11}' font-size='11' text-anchor='end' fill='#222'${auto ? " font-weight='bold'" : ''}>${escapeXml(barLabel(row))}</text>`,
        );
        body.push(
          `<rect x='${left.toFixed(1)}' y='${top}' width='${barWidth.toFixed(1)}' height='${BAR}' fill='${colour}'${auto ? " stroke='#15662a' stroke-width='1'" : ''}/>`,
        );
        const offScale = x(ratio) < PLOT_LEFT || x(ratio) > PLOT_RIGHT;
        const ratioText = `${offScale ? (ratio < 1 ? '◀ ' : '▶ ') : ''}${formatRatio(ratio)}×`;
        const timeText = formatTime(row.medianMs!);
        const value = (fill: string, grey: string) =>
          `<tspan fill='${fill}'>${escapeXml(ratioText)}</tspan><tspan dx='7' fill='${grey}'>${escapeXml(timeText)}</tspan>`;
        const width = textWidth(`${ratioText}  ${timeText}`);
        // Right of the bar end when faster; left of a slower bar's end when there is room, else inside it.
        if (ratio >= 1) body.push(`<text x='${(to + 4).toFixed(1)}' y='${y + 11}' font-size='11' ${HALO}>${value('#222', '#666')}</text>`);
        else if (to - 4 - width >= PLOT_LEFT)
          body.push(
            `<text x='${(to - 4).toFixed(1)}' y='${y + 11}' font-size='11' text-anchor='end' ${HALO}>${value('#222', '#666')}</text>`,
          );
        else body.push(`<text x='${(to + 4).toFixed(1)}' y='${y + 11}' font-size='11' font-weight='bold'>${value('#fff', '#eee')}</text>`);
        y += ROW;
      }
    }
  }
  const bottom = y + 8;
  const height = bottom + 46;

  // Grid and axes: a line per decade (1× darker), labelled at the top and bottom.
  const axis: string[] = [];
  for (let k = lo; k <= hi; k++) {
    const gx = x(10 ** k).toFixed(1);
    axis.push(
      `<line x1='${gx}' y1='104' x2='${gx}' y2='${bottom}' stroke='${k === 0 ? '#555' : '#d5d8dc'}' stroke-width='${k === 0 ? 1.5 : 1}'/>`,
    );
    const label = `${formatRatio(10 ** k)}×`;
    axis.push(`<text x='${gx}' y='100' font-size='11' text-anchor='middle' fill='#444'>${label}</text>`);
    axis.push(`<text x='${gx}' y='${bottom + 14}' font-size='11' text-anchor='middle' fill='#444'>${label}</text>`);
    if (k < hi) {
      for (let m = 2; m <= 9; m++) {
        const mx = x(m * 10 ** k).toFixed(1);
        axis.push(`<line x1='${mx}' y1='104' x2='${mx}' y2='${bottom}' stroke='#f0f1f3' stroke-width='1'/>`);
      }
    }
  }
  axis.push(
    `<text x='${((PLOT_LEFT + PLOT_RIGHT) / 2).toFixed(0)}' y='${bottom + 32}' font-size='11.5' text-anchor='middle' fill='#333'>speed-up over the TypeScript reference (js backend = 1×), log scale: right of 1× is faster</text>`,
  );

  // Legend: the colours present (native rows of kernels every variant shares take the best variant's colour).
  const present = new Set(bars.map((row) => legendKey(row)));
  const order = Object.keys(COLOURS).filter((key) => present.has(key));
  const nativeBest = bars.find((r) => r.kind === 'backend' && r.backend === 'native' && r.isDefault)?.target;
  const legend: string[] = [];
  let lx = 14;
  let ly = 58;
  for (const key of order) {
    const name = key === nativeBest ? `${LEGEND[key]} (bars “native”: one kernel for all variants)` : LEGEND[key]!;
    const w = 18 + textWidth(name) + 14;
    if (lx + w > WIDTH - 10) {
      lx = 14;
      ly += 18;
    }
    legend.push(`<rect x='${lx}' y='${ly - 10}' width='12' height='12' fill='${COLOURS[key]}'/>`);
    legend.push(`<text x='${lx + 17}' y='${ly}' font-size='11.5' fill='#222'>${escapeXml(name)}</text>`);
    lx += w;
  }

  if (results.groups.some((g) => g.seed)) {
    const name = "the seed's fastest figure for the same job";
    if (lx + 30 + textWidth(name) > WIDTH - 10) {
      lx = 14;
      ly += 18;
    }
    legend.push(
      `<line x1='${lx}' y1='${ly - 4}' x2='${lx + 14}' y2='${ly - 4}' stroke='${SEED}' stroke-width='1.5' stroke-dasharray='4 3'/>`,
    );
    legend.push(`<text x='${lx + 19}' y='${ly}' font-size='11.5' fill='#222'>${escapeXml(name)}</text>`);
  }

  const m = results.machine;
  const title = 'numaccel: speed-up per workload and backend over the TypeScript reference';
  const subtitle = `${results.mode === 'quick' ? 'Quick run' : 'Full run'}, ${results.date.slice(0, 10)}, on ${m.description}. Medians; each target in its own process.`;
  return [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${WIDTH}' height='${height}' viewBox='0 0 ${WIDTH} ${height}' ${FONT}>`,
    `<rect width='${WIDTH}' height='${height}' fill='#ffffff'/>`,
    `<text x='14' y='24' font-size='17' font-weight='bold' fill='#111'>${escapeXml(title)}</text>`,
    `<text x='14' y='42' font-size='11.5' fill='#444'>${escapeXml(subtitle)}</text>`,
    ...legend,
    ...axis,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
