/** Plain-text and Markdown tables and the number formats of the benchmark's report and chart. */

export const formatTime = (ms: number): string =>
  ms >= 1000
    ? `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 2)} s`
    : ms >= 1
      ? `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`
      : ms >= 1e-3
        ? `${(ms * 1000).toFixed(ms >= 0.1 ? 0 : 2)} µs`
        : `${(ms * 1e6).toFixed(0)} ns`;

/** A row measured in several processes (Case.processes): how many, and each one's median. */
export const processesNote = (mediansMs: readonly number[]): string =>
  `fastest of ${mediansMs.length} processes, whose medians were ${mediansMs.map(formatTime).join(', ')}`;

/** A ratio with three significant digits (thousands separated), e.g. 0.0512, 1.58, 31.2, 1,204. */
export const formatRatio = (ratio: number): string => {
  if (!Number.isFinite(ratio)) return String(ratio);
  if (ratio >= 1000) return Math.round(ratio).toLocaleString('en-US');
  if (ratio >= 0.001)
    return ratio
      .toPrecision(3)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  return ratio.toExponential(1);
};

/** A distance error in metres: 0, 1.2e-9 m, 0.13 m, 2.5 km. */
export const formatMetres = (metres: number): string =>
  metres === 0
    ? '0'
    : metres >= 1000
      ? `${(metres / 1000).toPrecision(2)} km`
      : metres >= 0.01
        ? `${metres.toPrecision(2)} m`
        : `${metres.toExponential(1)} m`;

/** Rows under a header; `align` per column: 'l' or 'r'. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: string, indent = '  '): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - [...cell].length);
    return align[i] === 'r' ? fill + cell : cell + fill;
  };
  return [header, ...rows]
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) => pad(cell, i))
          .join('   ')
          .trimEnd(),
    )
    .join('\n');
}

/** A GitHub Markdown table; `align` per column: 'l' or 'r'. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: string): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.map(escapeCell).join(' | ')} |`).join('\n');
}
