/** The `--json` document of `npm run cost`. */
import { COST_ASSUMPTIONS } from '../../../modules/cost/assumptions';
import type { CostLine } from '../../../modules/cost/cost-model';
import type { FleetCost } from '../../../modules/cost/fleet-cost';
import { fanOutLines, type HubCostReport, type Topology } from '../../../modules/cost/hub-cost';
import { PRICES } from '../../../modules/cost/prices';
import { qty, round, shownPath, usd } from './format';
import { PRICES_SOURCE, type TopologyComparison } from './pricing';

/** The hub's collector as priced: memory (configured, advised, none when no size fits), timeout, modelled run. */
function hubCollectorJson(hub: HubCostReport, timeoutSeconds: number) {
  return {
    memoryMb: hub.memory.configuredMb,
    adviseMemoryMb: hub.memory.adviseMb ?? null,
    timeoutSeconds,
    durationMs: qty(hub.description.collector.durationMs),
    durationAtLargestMemoryMs: qty(hub.memory.fastestMs),
  };
}

/** The hub's invocations per tick and what decided them; with more than one, every item beside the same hub at one invocation a tick. */
function shardsJson(hub: HubCostReport) {
  return {
    count: hub.shards.count,
    from: hub.shards.from,
    ...(hub.unsharded
      ? {
          unshardedMonthlyUsd: usd(hub.unsharded.design.usd),
          fanOut: fanOutLines(hub).map((l) => ({
            item: l.item,
            label: l.label,
            unit: l.unit,
            unsharded: { quantity: qty(l.unsharded.quantity), usd: usd(l.unsharded.usd) },
            sharded: { quantity: qty(l.sharded.quantity), usd: usd(l.sharded.usd) },
            differenceUsd: usd(l.differenceUsd),
          })),
        }
      : {}),
  };
}

/** The `topologies` part of the `--json` document: both topologies' totals, the hub's lines, the cheaper one. */
export function topologiesJson(t: TopologyComparison) {
  const perCluster = (usdValue: number, clusters: number) => usd(usdValue / clusters);
  return {
    configured: t.configured,
    accountRegion: {
      pipelines: t.accountRegion.pipelines.length,
      clusters: t.accountRegion.clusters,
      monthlyUsd: usd(t.accountRegion.design.usd),
      perClusterUsd: perCluster(t.accountRegion.design.usd, t.accountRegion.clusters),
    },
    hub: {
      stack: t.hubStack,
      pipelines: 1,
      accountRegions: t.hub.accountRegions,
      clusters: t.hub.description.clusters,
      discoveredAccountRegions: t.hub.discoveredAccountRegions,
      assumedClustersPerDiscoveredRegion: t.hub.tick.assumedClustersPerDiscoveredRegion,
      assumedCallLatencyMs: t.hub.tick.assumedCallLatencyMs,
      collector: hubCollectorJson(t.hub, t.hub.timeoutSeconds),
      shards: shardsJson(t.hub),
      dashboards: t.hub.description.dashboards,
      monthlyUsd: usd(t.hub.design.usd),
      perClusterUsd: perCluster(t.hub.design.usd, t.hub.description.clusters),
      floorPerClusterUsd: usd(t.hub.perCluster.floor),
      lines: t.hub.design.lines.map(lineJson),
    },
    cheaper: t.cheaper,
    savingUsd: usd(t.savingUsd),
    ...(t.builtFor ? { builtFor: t.builtFor } : {}),
  };
}

/** One line of a bill, as the JSON shows it. */
const lineJson = (line: CostLine) => ({
  item: line.item,
  label: line.label,
  quantity: qty(line.quantity),
  unit: line.unit,
  usd: usd(line.usd),
  basis: line.basis,
});

const pricesJson = () => ({ asOf: PRICES.asOf, source: PRICES_SOURCE, daysPerMonth: PRICES.minutesPerMonth / 1440 });

/**
 * The `--json` document, the configured topology first: for pipelines per account-region, `fleet`
 * lists their stacks and `lines` every stack's lines beside the blog's design; for a hub, `fleet`
 * is the hub and `lines` its lines. `topologies` compares both (when both were priced).
 */
export function costJson(configFile: string, cost: FleetCost, topologies?: TopologyComparison) {
  if (topologies?.configured === 'hub') return hubJson(configFile, topologies);
  return {
    fleet: {
      config: shownPath(configFile),
      topology: 'account-region' as Topology,
      prices: pricesJson(),
      assumptions: COST_ASSUMPTIONS,
      pipelines: cost.pipelines.length,
      clusters: cost.clusters,
      monthlyUsd: { design: usd(cost.design.usd), blog: usd(cost.blog.usd) },
      blogToDesignRatio: round(cost.blogToDesignRatio, 2),
      stacks: cost.pipelines.map((p) => ({
        stack: p.stack,
        workflowType: p.description.workflowType,
        intervalSeconds: p.description.intervalSeconds,
        clusters: p.description.clusters,
        transitionsPerExecution: p.description.transitionsPerExecution,
        collectorDurationMs: qty(p.description.collector.durationMs),
        ...(p.description.serviceIntervalSeconds !== undefined ? { serviceIntervalSeconds: p.description.serviceIntervalSeconds } : {}),
        monthlyUsd: { design: usd(p.design.usd), blog: usd(p.blog.usd) },
        perClusterUsd: { design: usd(p.design.usd / p.description.clusters), blog: usd(p.blog.usd / p.description.clusters) },
      })),
    },
    perCluster: {
      design: usd(cost.perCluster.design),
      blog: usd(cost.perCluster.blog),
      floor: usd(cost.perCluster.floor),
    },
    lines: cost.pipelines.flatMap((p) =>
      (['design', 'blog'] as const).flatMap((variant) => p[variant].lines.map((line) => ({ stack: p.stack, variant, ...lineJson(line) }))),
    ),
    ...(topologies ? { topologies: topologiesJson(topologies) } : {}),
  };
}

/** The `--json` document of a hub config: the hub it builds, its lines, then both topologies. */
function hubJson(configFile: string, t: TopologyComparison) {
  const hub = t.hub;
  return {
    fleet: {
      config: shownPath(configFile),
      topology: 'hub' as Topology,
      stack: t.hubStack,
      prices: pricesJson(),
      assumptions: COST_ASSUMPTIONS,
      pipelines: 1,
      accountRegions: hub.accountRegions,
      clusters: hub.description.clusters,
      discoveredAccountRegions: hub.discoveredAccountRegions,
      assumedClustersPerDiscoveredRegion: hub.tick.assumedClustersPerDiscoveredRegion,
      assumedCallLatencyMs: hub.tick.assumedCallLatencyMs,
      collector: hubCollectorJson(hub, hub.timeoutSeconds),
      shards: shardsJson(hub),
      dashboards: hub.description.dashboards,
      monthlyUsd: { design: usd(hub.design.usd) },
    },
    perCluster: { design: usd(hub.perCluster.design), floor: usd(hub.perCluster.floor) },
    lines: hub.design.lines.map((line) => ({ stack: t.hubStack, variant: 'design' as const, ...lineJson(line) })),
    topologies: topologiesJson(t),
  };
}
