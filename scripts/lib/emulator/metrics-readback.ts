/**
 * Reads back what the collector published (GetMetricData, ListMetrics) and what the dashboard and
 * the alarms name (DescribeAlarms), in one emulated account-region.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { accountClient } from './account-clients';

/** One series: a metric name with its dimensions, in a namespace. */
export interface SeriesKey {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** `ns/metric{k=v,…}`, dimensions by name: CloudWatch treats their order as insignificant, and so does the label. */
export const seriesLabel = ({ namespace, metric, dimensions }: SeriesKey) =>
  `${namespace}/${metric}{${Object.entries(dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}}`;

/** A series as read back: per timestamp (ISO), the datums stored there and their maximum. */
export interface ReadSeries {
  readonly key: SeriesKey;
  readonly points: ReadonlyArray<{ readonly timestamp: string; readonly value: number; readonly samples: number }>;
}

export class CloudWatchReader {
  private readonly cloudwatch: CloudWatchClient;

  constructor(endpoint: string, account: string, region: string) {
    this.cloudwatch = accountClient(CloudWatchClient, endpoint, account, region);
  }

  /** Every series at 1-second periods between `start` and `end`, ascending. */
  async series(keys: readonly SeriesKey[], start: Date, end: Date): Promise<ReadSeries[]> {
    const out: ReadSeries[] = [];
    // Two queries per series (value and datum count), well under GetMetricData's 500.
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      const queries: MetricDataQuery[] = chunk.flatMap((key, j) =>
        (['Maximum', 'SampleCount'] as const).map((stat) => ({
          Id: `${stat === 'Maximum' ? 'v' : 'n'}${j}`,
          MetricStat: {
            Metric: {
              Namespace: key.namespace,
              MetricName: key.metric,
              Dimensions: Object.entries(key.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: 1,
            Stat: stat,
          },
        })),
      );
      const { MetricDataResults = [] } = await this.cloudwatch.send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending' }),
      );
      const byId = new Map(MetricDataResults.map((r) => [r.Id, r]));
      chunk.forEach((key, j) => {
        const values = byId.get(`v${j}`);
        const counts = byId.get(`n${j}`);
        const countAt = new Map((counts?.Timestamps ?? []).map((t, k) => [t.toISOString(), counts!.Values![k]]));
        const points = (values?.Timestamps ?? [])
          .map((t, k) => ({ timestamp: t.toISOString(), value: values!.Values![k], samples: countAt.get(t.toISOString()) ?? 0 }))
          .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
        out.push({ key, points });
      });
    }
    return out;
  }

  /** Every series of the namespace (ListMetrics, all pages). */
  async listMetrics(namespace: string): Promise<SeriesKey[]> {
    const found: SeriesKey[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.cloudwatch.send(new ListMetricsCommand({ Namespace: namespace, NextToken }));
      for (const metric of page.Metrics ?? []) {
        found.push({
          namespace,
          metric: metric.MetricName!,
          dimensions: Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name!, d.Value!])),
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return found;
  }

  /** Every series of the namespace with a cluster that has a datum at `at` (one tick), and its value there. */
  async valuesAt(namespace: string, at: Date, dimension: string): Promise<Array<{ key: SeriesKey; value: number }>> {
    // moto lists a series once per datum when the datums name its dimensions in another order.
    const keys = [
      ...new Map((await this.listMetrics(namespace)).filter((key) => key.dimensions[dimension] !== undefined).map((key) => [seriesLabel(key), key])).values(),
    ];
    const read = await this.series(keys, at, new Date(at.getTime() + 1000));
    return read.flatMap(({ key, points }) => points.filter((p) => p.timestamp === at.toISOString()).map((p) => ({ key, value: p.value })));
  }

  /** The metric alarms with these names. */
  async alarms(names: readonly string[]): Promise<MetricAlarm[]> {
    const found: MetricAlarm[] = [];
    for (let i = 0; i < names.length; i += 100) {
      const { MetricAlarms = [] } = await this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + 100) }));
      found.push(...MetricAlarms);
    }
    return found;
  }
}

/** What a dashboard body names: series of `namespace`, SEARCH expressions' metric and cluster, and alarm ARNs. */
export interface DashboardReferences {
  readonly series: SeriesKey[];
  readonly searches: Array<{ readonly metric: string; readonly dimensions: Record<string, string> }>;
  readonly alarmArns: string[];
}

export function dashboardReferences(body: string, namespace: string): DashboardReferences {
  const widgets = (JSON.parse(body) as { widgets: Array<{ properties?: Record<string, unknown> }> }).widgets;
  const refs: DashboardReferences = { series: [], searches: [], alarmArns: [] };
  for (const { properties = {} } of widgets) {
    refs.alarmArns.push(...((properties.alarms as string[] | undefined) ?? []));
    for (const row of (properties.metrics as unknown[][] | undefined) ?? []) {
      const expression = (row[0] as { expression?: string } | undefined)?.expression;
      if (typeof expression === 'string') {
        const search = /^SEARCH\('\{"?([^",}]+)"?[^}]*\} (.*)', '\w+', \d+\)$/.exec(expression);
        if (search && search[1] === namespace) {
          const terms = Object.fromEntries([...search[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
          const { MetricName, ...dimensions } = terms;
          refs.searches.push({ metric: MetricName, dimensions });
        }
        continue;
      }
      if (row[0] !== namespace) continue;
      const names = row.filter((cell) => typeof cell === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let i = 2; i + 1 < names.length; i += 2) dimensions[names[i]] = names[i + 1];
      refs.series.push({ namespace, metric: names[1], dimensions });
    }
  }
  return refs;
}
