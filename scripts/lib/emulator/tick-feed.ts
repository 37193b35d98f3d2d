/**
 * The sandbox's live view of the ticks: each tick's values as CloudWatch holds them, one line per
 * cluster (and service), printed as soon as the tick and every earlier tick of its pipeline are
 * in. Ticks end out of order (a cold start, a retried tick, the read-back of one tick outlasting
 * the next), so each pipeline's are held back until the ones before them are shown.
 */
import { CLUSTER_DIMENSION, DEFAULT_METRICS, SERVICE_DIMENSION } from '../../../modules/metrics/catalog';
import { ACCOUNT_DIMENSION, REGION_DIMENSION } from '../../../functions/collector/hub/hub-dimensions';
import type { SeriesKey } from './metrics-readback';

/** Per pipeline, the ticks of its execution released in the order of their offsets. */
export class TickOrder<T> {
  private readonly pipelines = new Map<string, { readonly offsets: readonly number[]; next: number; readonly arrived: Map<number, T[]> }>();

  /** The offsets of the pipeline's ticks, ascending (from its state machine definition). */
  expect(pipeline: string, offsets: readonly number[]): void {
    this.pipelines.set(pipeline, { offsets: [...offsets].sort((a, b) => a - b), next: 0, arrived: new Map() });
  }

  /**
   * Takes one tick; returns what is now due, in order: this tick and the ones held back behind
   * it once no earlier tick is missing. A tick of an unknown pipeline, or a retry of a tick
   * already shown, is due at once.
   */
  arrive(pipeline: string, offset: number, item: T): T[] {
    const state = this.pipelines.get(pipeline);
    if (!state?.offsets.includes(offset) || state.offsets.indexOf(offset) < state.next) return [item];
    state.arrived.set(offset, [...(state.arrived.get(offset) ?? []), item]);
    const due: T[] = [];
    while (state.next < state.offsets.length && state.arrived.has(state.offsets[state.next])) {
      due.push(...state.arrived.get(state.offsets[state.next])!);
      state.arrived.delete(state.offsets[state.next]);
      state.next += 1;
    }
    return due;
  }

  /** At the end: what was held back (behind ticks that never came), in order, and the offsets that never came. */
  finish(pipeline: string): { held: T[]; missing: number[] } {
    const state = this.pipelines.get(pipeline);
    if (!state) return { held: [], missing: [] };
    this.pipelines.delete(pipeline);
    const rest = state.offsets.slice(state.next);
    return { held: rest.flatMap((offset) => state.arrived.get(offset) ?? []), missing: rest.filter((offset) => !state.arrived.has(offset)) };
  }
}

/** One series' value at a tick. */
export interface TickValue {
  readonly key: SeriesKey;
  readonly value: number;
}

const METRIC_ORDER: readonly string[] = DEFAULT_METRICS;
const byMetric = (a: string, b: string) => {
  const [i, j] = [METRIC_ORDER.indexOf(a), METRIC_ORDER.indexOf(b)];
  if (i !== j && (i < 0 || j < 0)) return i < 0 ? 1 : -1;
  return i !== j ? i - j : a.localeCompare(b);
};

/** What a line of values is about: the hub's account/region, the cluster, the service. */
function subject(dimensions: Readonly<Record<string, string>>): string {
  const place = dimensions[ACCOUNT_DIMENSION] ? `${dimensions[ACCOUNT_DIMENSION]}/${dimensions[REGION_DIMENSION] ?? '?'} ` : '';
  const service = dimensions[SERVICE_DIMENSION] ? ` ${dimensions[SERVICE_DIMENSION]}` : '';
  return `${place}${dimensions[CLUSTER_DIMENSION]}${service}`;
}

/**
 * The values of one tick, one line per cluster (and per service) in name order, each metric as
 * `Name value` (the blog's four first); series without a cluster (fleet health) are left out.
 */
export function tickValueLines(values: readonly TickValue[]): string[] {
  const groups = new Map<string, TickValue[]>();
  for (const value of values) {
    if (!value.key.dimensions[CLUSTER_DIMENSION]) continue;
    const name = subject(value.key.dimensions);
    groups.set(name, [...(groups.get(name) ?? []), value]);
  }
  const width = Math.max(0, ...[...groups.keys()].map((name) => name.length));
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, group]) =>
        `${name.padEnd(width)}  ${group
          .sort((a, b) => byMetric(a.key.metric, b.key.metric))
          .map((v) => `${v.key.metric} ${v.value}`)
          .join('  ')}`,
    );
}

/** What the collector answered for a tick (its payload, or the function's error). */
export type TickOutcome = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly errorMessage: string };

/** The header and value lines of one tick: `+05 s 111111111111/us-east-1 (12:00:05): 4 datums`, then the values, indented. */
export function tickLines(place: string, offsetSeconds: number, timestamp: string | undefined, outcome: TickOutcome, values: readonly TickValue[]): string[] {
  const at = timestamp ? ` (${timestamp.slice(11, 19)})` : '';
  const head = `+${String(offsetSeconds).padStart(2, '0')} s ${place}${at}`;
  if (!outcome.ok) return [`${head}: failed: ${outcome.errorMessage}`];
  const payload = (outcome.payload ?? {}) as { datums?: number; skipped?: number | ReadonlyArray<{ cluster: string; service?: string; reason: string }> };
  const skipped = Array.isArray(payload.skipped)
    ? payload.skipped.map((s) => `${s.cluster}${s.service ? ` ${s.service}` : ''} (${s.reason})`)
    : typeof payload.skipped === 'number' && payload.skipped > 0
      ? [String(payload.skipped)]
      : [];
  return [
    `${head}: ${payload.datums ?? '?'} datums${skipped.length > 0 ? `, skipped ${skipped.join(', ')}` : ''}`,
    ...tickValueLines(values).map((line) => `    ${line}`),
  ];
}
