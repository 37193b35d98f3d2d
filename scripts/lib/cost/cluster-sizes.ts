/** `npm run cost -- --clusters`: one account-region of each size, priced with the config's defaults, and the most it can list. */
import type { CostItem } from '../../../modules/cost/cost-model';
import type { FleetCost } from '../../../modules/cost/fleet-cost';
import { PRICES } from '../../../modules/cost/prices';
import { ConfigError } from '../../../modules/fleet/config-problems';
import type { FleetConfig } from '../../../modules/fleet/config';
import { HUB_TICK_BOUNDS } from '../../../modules/hub/hub-tick';
import { generatedFleetConfig } from '../generated-fleet';
import { dollars, markdownTable } from './format';
import { priceFleet } from './pricing';

/** `--clusters`: the sizes one account-region may have (ECS's default quota of clusters per account-region), and how many at once. */
export const CLUSTER_SIZE_BOUNDS = { min: 1, max: HUB_TICK_BOUNDS.assumedClustersPerDiscoveredRegion.max, sizes: 20 } as const;

/** Columns of the per-cluster table, each a group of bill lines. */
const COLUMNS: ReadonlyArray<{ readonly title: string; readonly items: readonly CostItem[] }> = [
  { title: 'Step Functions', items: ['stepFunctionsTransitions', 'stepFunctionsRequests', 'stepFunctionsDuration', 'trigger'] },
  { title: 'Lambda', items: ['lambdaRequests', 'lambdaCompute'] },
  { title: 'PutMetricData', items: ['putMetricData'] },
  { title: 'custom metrics', items: ['customMetrics'] },
  { title: 'alarms, dashboards', items: ['standardAlarms', 'highResolutionAlarms', 'dashboards'] },
  { title: 'logs', items: ['logs'] },
];

/** `--clusters`: one account-region of each size, per cluster and month, line group by line group. */
export function clusterSizesTable(config: FleetConfig, sizes: readonly number[]): string {
  const costs = sizes.map((clusters) => ({
    clusters,
    cost: priceFleet(generatedFleetConfig({ name: config.name, defaults: config.defaults, accounts: 1, regionsPerAccount: 1, clustersPerRegion: clusters })),
  }));
  // A group no size pays for (alarms and dashboards until they exist) is left out.
  const columns = COLUMNS.filter((column) => costs.some(({ cost }) => cost.design.lines.some((l) => column.items.includes(l.item) && l.usd > 0)));
  const perCluster = (cost: FleetCost, items: readonly CostItem[]) =>
    cost.design.lines.filter((l) => items.includes(l.item)).reduce((sum, l) => sum + l.usd, 0) / cost.clusters;
  const money = (n: number) => `$${n.toFixed(n < 0.1 ? 3 : 2)}`;
  // Like for like: the blog had neither alarms nor a dashboard, so the ratio compares the pipelines alone.
  const monitoring = COLUMNS.find((c) => c.title === 'alarms, dashboards')!.items;
  const pipelineAlone = (cost: FleetCost) => cost.perCluster.design - perCluster(cost, monitoring);
  return [
    `Per cluster and month, one account-region of N clusters (${config.defaults?.workflowType ?? 'EXPRESS'}, ` +
      `${config.defaults?.intervalSeconds ?? 5} s, the blog's four metrics), prices of ${PRICES.asOf}:`,
    '',
    markdownTable(
      ['clusters', ...columns.map((c) => c.title), 'pipeline alone', 'with its alarms and dashboard', "blog's design", 'blog ÷ pipeline'],
      ['r', ...columns.map(() => 'r' as const), 'r', 'r', 'r', 'r'],
      costs.map(({ clusters, cost }) => [
        String(clusters),
        ...columns.map((c) => money(perCluster(cost, c.items))),
        `**${dollars(pipelineAlone(cost))}**`,
        dollars(cost.perCluster.design),
        dollars(cost.perCluster.blog),
        `${(cost.perCluster.blog / pipelineAlone(cost)).toFixed(1)}×`,
      ]),
    ),
  ].join('\n');
}

/** A generated account-region of `clusters` clusters with the config's defaults, or undefined when no pipeline can be built for it. */
function generatedOrUndefined(config: FleetConfig, clusters: number): FleetConfig | undefined {
  try {
    return generatedFleetConfig({ name: config.name, defaults: config.defaults, accounts: 1, regionsPerAccount: 1, clustersPerRegion: clusters });
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/**
 * The most clusters one account-region's pipeline can list with the config's defaults (its
 * collector's IAM policy names each cluster): `--clusters` above it is refused, stating it.
 */
export function mostListedClusters(config: FleetConfig): number {
  let low = 0;
  let high = CLUSTER_SIZE_BOUNDS.max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (generatedOrUndefined(config, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
