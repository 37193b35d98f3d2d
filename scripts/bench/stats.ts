/** Samples summarized as benchmarks report them: median, with min and max. */

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** `1.23 s (1.10–1.40)`: the median, then the range. */
export function formatSummary(summary: Summary, unit: string, digits: number): string {
  const n = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return summary.runs === 1 ? `${n(summary.median)} ${unit}` : `${n(summary.median)} ${unit} (${n(summary.min)}–${n(summary.max)})`;
}
