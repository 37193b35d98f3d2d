/**
 * The one log line of each invocation: what was published, the calls it took, how long, and
 * what failed. The function logs in Lambda's JSON format, so this object becomes the `message`
 * of a JSON record that Logs Insights can query field by field.
 */
import type { FleetHealth } from './fleet-health';
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
  /** The fleet-health series published, when the input asked for them. */
  readonly health?: FleetHealth;
}

/** `a, b and 3 more`: at most LISTED_FAILURES names, and the count of the rest. */
export function namedAtMost(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_FAILURES).join(', ');
  return names.length > LISTED_FAILURES ? `${shown} and ${names.length - LISTED_FAILURES} more` : shown;
}

/**
 * The line's `health`: the values published (fields named as the series, so a Logs Insights query
 * filters on `health.UnreadClusters > 0`), then what is wrong, named `account/region/cluster[/service]`
 * (the account-region unknown outside Lambda), each list only when it is not empty.
 */
export function healthFields(health: FleetHealth): Record<string, unknown> {
  const fields: Record<string, unknown> = { pipeline: health.pipeline, ...health.values };
  const lists: Array<[string, readonly string[]]> = [
    ['clustersWithNoRunningTask', health.noRunningTask],
    ['servicesBelowDesired', health.shortServices.map((s) => `${s.service} (${s.shortfall} short)`)],
    ['unreadClusters', health.unreadClusters],
    ['unreadAccountRegions', health.unreadAccountRegions],
  ];
  for (const [field, names] of lists) if (names.length > 0) fields[field] = namedAtMost(names);
  return fields;
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
  if (summary?.health) line.health = healthFields(summary.health);
  if (summary && summary.refusedDatums > 0) line.refusedDatums = summary.refusedDatums;
  if (summary && summary.skipped.length > 0) line.skippedItems = listed(summary.skipped);
  if (summary && summary.lost.length > 0) line.lostItems = listed(summary.lost);
  if (error) line.error = `${error.name}: ${error.message}`;
  const level: LogLevel = error ? 'error' : summary && summary.skipped.length > 0 ? 'warn' : 'info';
  return { level, line };
}
