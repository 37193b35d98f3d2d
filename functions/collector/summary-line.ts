/**
 * The one log line of each invocation: what was published, the calls it took, how long, and
 * what failed. The function logs in Lambda's JSON format, so this object becomes the `message`
 * of a JSON record that Logs Insights can query field by field.
 */
import { LISTED_FAILURES } from './report';

export { LISTED_FAILURES };

export type LogLevel = 'info' | 'warn' | 'error';

export interface SummaryLine {
  readonly level: LogLevel;
  readonly line: Record<string, unknown>;
}

const listed = <T>(items: readonly T[]) => items.slice(0, LISTED_FAILURES);

/** What the line counts of a tick: the per-account-region collector's summary, or the hub's. */
export interface SummaryCounts {
  readonly clusters: number;
  readonly services: number;
  readonly datums: number;
  readonly refusedDatums: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly retries: number;
  readonly skipped: readonly object[];
  readonly lost: readonly object[];
}

/** The line for a collection that ran (successfully or not) or for an event that was refused. */
export function summaryLine(outcome: {
  readonly tick?: Date;
  readonly summary?: SummaryCounts;
  readonly error?: Error;
  readonly durationMs: number;
  /** Fields of one collector only (the hub's account-regions), after the counts. */
  readonly more?: Readonly<Record<string, unknown>>;
}): SummaryLine {
  const { summary, error } = outcome;
  const line: Record<string, unknown> = {
    event: error ? 'collection failed' : 'collected',
    tick: outcome.tick?.toISOString(),
    clusters: summary?.clusters ?? 0,
    services: summary?.services ?? 0,
    datums: summary?.datums ?? 0,
    calls: summary?.calls ?? {},
    retries: summary?.retries ?? 0,
    durationMs: outcome.durationMs,
    skipped: summary?.skipped.length ?? 0,
    lost: summary?.lost.length ?? 0,
    ...outcome.more,
  };
  if (summary && summary.refusedDatums > 0) line.refusedDatums = summary.refusedDatums;
  if (summary && summary.skipped.length > 0) line.skippedItems = listed(summary.skipped);
  if (summary && summary.lost.length > 0) line.lostItems = listed(summary.lost);
  if (error) line.error = `${error.name}: ${error.message}`;
  const level: LogLevel = error ? 'error' : summary && summary.skipped.length > 0 ? 'warn' : 'info';
  return { level, line };
}
