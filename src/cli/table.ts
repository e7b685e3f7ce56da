/** Plain-text tables and number formats shared by the demo and the benchmark. */

export const formatTime = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(2)} µs`;

export const formatRatio = (ratio: number): string =>
  ratio >= 100 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;

/** Prints rows under a header, the first column left-aligned and the others right-aligned. */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = '  '): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  for (const row of [header, ...rows]) {
    console.log(indent + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   '));
  }
}
