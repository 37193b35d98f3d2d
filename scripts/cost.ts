/**
 * `npm run cost [--config F] [--json] [--clusters 1,10,100]`: the monthly cost of a fleet
 * config in the topology it configures (pipelines per account-region, or one hub), line by line,
 * then the same fleet in the other topology, naming the cheaper; beside per-account-region
 * pipelines, the blog's design. Prices the settings MetricsFleet resolves from the config (the
 * same pure functions its constructs build from), so the numbers follow what `npm run synth`
 * would synthesize, without building a construct: thousands of account-regions take seconds.
 * Nothing is written.
 */
import * as path from 'node:path';
import {
  ConfigError,
  COST_ASSUMPTIONS,
  type CostItem,
  type FleetConfig,
  fleetCost,
  fleetStackName,
  type FleetCost,
  hubStackName,
  loadFleetConfig,
  PRICES,
  resolvePipelineSettings,
} from '../modules';
import type { TargetListEntry } from '../modules/contract/hub-target-list';
import { hubProps } from '../modules/fleet/hub-props';
import { pipelineProps } from '../modules/fleet/pipeline-props';
import { resolveHubSettings } from '../modules/hub/hub-settings';
import { HUB_TICK_BOUNDS } from '../modules/hub/hub-tick';
import { cheaperTopology, hubCost, type HubCostReport, type Topology } from '../modules/cost/hub-cost';
import type { PricedStack } from '../modules/cost/fleet-cost';
import { byBillOrder } from '../modules/cost/cost-model';
import type { SummedLine } from '../modules/cost/fleet-cost';
import { monitoringFactsOfSettings } from '../modules/cost/pipeline-description';
import { parseCommandLine, UsageError } from './lib/command-line';
import { generatedFleetConfig } from './lib/generated-fleet';
import { ROOT } from './lib/root';

const EXAMPLE_CONFIG = path.join(ROOT, 'examples', 'fleet.json');
/** What the prices are and where each is written down with its AWS source page: the repository's COSTS.md. */
export const PRICES_SOURCE =
  "us-east-1 list prices, free tiers ignored but EventBridge Scheduler's (its line says why); each price and limit with its AWS source page in COSTS.md (repository root)";

/** `--clusters`: the sizes one account-region may have (ECS's default quota of clusters per account-region), and how many at once. */
export const CLUSTER_SIZE_BOUNDS = { min: 1, max: HUB_TICK_BOUNDS.assumedClustersPerDiscoveredRegion.max, sizes: 20 } as const;

const USAGE = `usage: npm run cost -- [--config FILE] [--json] [--clusters N,N,...]
  --config FILE   fleet config to price; without it, the file FLEET_CONFIG names (as \`npm run synth\` reads it),
                  and without either, examples/fleet.json. --config wins over FLEET_CONFIG.
  --json          print {"fleet", "perCluster", "lines", "topologies"} as JSON instead of tables,
                  the configured topology first ("fleet.topology")
  --clusters LIST price one account-region of N clusters for each N (${CLUSTER_SIZE_BOUNDS.min} to ${CLUSTER_SIZE_BOUNDS.max.toLocaleString('en-US')}, at most ${CLUSTER_SIZE_BOUNDS.sizes} sizes), with the config's defaults`;

/** The config to price and why: --config (relative to where the command was typed), else FLEET_CONFIG (as the synth reads it), else the example. */
export function configFileOf(
  options: { readonly config?: string },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { readonly file: string; readonly from: '--config' | 'FLEET_CONFIG' | 'default' } {
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  if (options.config) return { file: path.resolve(env.INIT_CWD ?? cwd, options.config), from: '--config' };
  if (env.FLEET_CONFIG) return { file: path.resolve(cwd, env.FLEET_CONFIG), from: 'FLEET_CONFIG' };
  return { file: EXAMPLE_CONFIG, from: 'default' };
}

/** The config as pipelines per account-region: the hub's own fields left out, everything else as written. */
function perAccountRegion(config: FleetConfig): FleetConfig {
  const { topology: _topology, hub: _hub, ...rest } = config;
  return rest as FleetConfig;
}

/** The pipeline MetricsFleet would build for every account-region of the config (as pipelines per account-region), with the account and region of each. */
function pricedStacks(config: FleetConfig): Array<PricedStack & { readonly account: string; readonly region: string }> {
  const asPipelines = perAccountRegion(config);
  return asPipelines.accounts.flatMap((account) =>
    Object.entries(account.regions).map(([region, regionConfig]) => {
      const settings = resolvePipelineSettings(pipelineProps(asPipelines, account, region, regionConfig));
      return { name: fleetStackName(config.name, account.id, region), account: account.id, region, settings, monitoring: monitoringFactsOfSettings(settings) };
    }),
  );
}

/** The cost of the fleet a config describes, as pipelines per account-region (nothing is synthesized). */
export function priceFleet(config: FleetConfig): FleetCost {
  return fleetCost(pricedStacks(config));
}

/** The same fleet in both topologies, and which costs less. */
export interface TopologyComparison {
  /** The topology the config deploys. */
  readonly configured: Topology;
  readonly accountRegion: FleetCost;
  readonly hub: HubCostReport;
  /** The hub's stack: the config's, or where a hub would be (its first account-region). */
  readonly hubStack: string;
  readonly cheaper: Topology;
  readonly savingUsd: number;
}

/**
 * Both topologies of a config. A hub config's hub is the one it builds (hubProps: its settings,
 * targets and tick assumptions); for a per-account-region config, a hub in its first account-region
 * running its defaults and collecting every account-region's clusters and services.
 */
export function priceTopologies(config: FleetConfig): TopologyComparison {
  const stacks = pricedStacks(config);
  const accountRegion = fleetCost(stacks);
  let hubSettings;
  if (config.topology === 'hub') {
    hubSettings = resolveHubSettings(hubProps(config));
  } else {
    const { tags: _tags, services: _services, ...defaults } = config.defaults ?? {};
    const targets: TargetListEntry[] = stacks.map((s) => ({
      account: s.account,
      region: s.region,
      clusters: s.settings.clusters as readonly string[] | '*',
      ...(Object.keys(s.settings.services).length > 0 ? { services: s.settings.services } : {}),
    }));
    // The hub's settings as the hub construct resolves them (its collector's memory and timeout are sized from the fleet).
    hubSettings = resolveHubSettings({ ...defaults, name: config.name, account: stacks[0].account, region: stacks[0].region, targets });
  }
  const hubAccount = config.topology === 'hub' ? config.hub!.account : stacks[0].account;
  const hubRegion = config.topology === 'hub' ? config.hub!.region : stacks[0].region;
  const hub = hubCost({ settings: hubSettings.pipeline, targets: hubSettings.targets, tick: hubSettings.tick });
  const cheaper = cheaperTopology(accountRegion.design.usd, hub.design.usd);
  return {
    configured: config.topology ?? 'account-region',
    accountRegion,
    hub,
    hubStack: hubStackName(config.name, hubAccount, hubRegion),
    cheaper: cheaper.topology,
    savingUsd: cheaper.savingUsd,
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Money to a hundredth of a cent, quantities to a thousandth: JSON without float noise. */
const usd = (n: number) => round(n, 4);
const qty = (n: number) => round(n, 3);
/** `1 account-region`, `2 account-regions`. */
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

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
      dashboards: t.hub.description.dashboards,
      monthlyUsd: usd(t.hub.design.usd),
      perClusterUsd: perCluster(t.hub.design.usd, t.hub.description.clusters),
      floorPerClusterUsd: usd(t.hub.perCluster.floor),
      lines: t.hub.design.lines.map((line) => ({
        item: line.item,
        label: line.label,
        quantity: qty(line.quantity),
        unit: line.unit,
        usd: usd(line.usd),
        basis: line.basis,
      })),
    },
    cheaper: t.cheaper,
    savingUsd: usd(t.savingUsd),
  };
}

const pricesJson = () => ({ asOf: PRICES.asOf, source: PRICES_SOURCE, daysPerMonth: PRICES.minutesPerMonth / 1440 });
const shownPath = (file: string) => path.relative(process.cwd(), file) || file;

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
      (['design', 'blog'] as const).flatMap((variant) =>
        p[variant].lines.map((line) => ({
          stack: p.stack,
          variant,
          item: line.item,
          label: line.label,
          quantity: qty(line.quantity),
          unit: line.unit,
          usd: usd(line.usd),
          basis: line.basis,
        })),
      ),
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
      dashboards: hub.description.dashboards,
      monthlyUsd: { design: usd(hub.design.usd) },
    },
    perCluster: { design: usd(hub.perCluster.design), floor: usd(hub.perCluster.floor) },
    lines: hub.design.lines.map((line) => ({
      stack: t.hubStack,
      variant: 'design' as const,
      item: line.item,
      label: line.label,
      quantity: qty(line.quantity),
      unit: line.unit,
      usd: usd(line.usd),
      basis: line.basis,
    })),
    topologies: topologiesJson(t),
  };
}

const dollars = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const amount = (n: number, unit: string) => `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : n < 1000 ? 1 : 0 })} ${unit}`;

function markdownTable(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function assumptionsText(hub?: HubCostReport): string {
  const c = COST_ASSUMPTIONS.collector;
  const discovered = hub?.tick.assumedClustersPerDiscoveredRegion ?? COST_ASSUMPTIONS.clustersPerDiscoveredRegion;
  return [
    `Prices: ${PRICES_SOURCE}; as of ${PRICES.asOf}; a ${PRICES.minutesPerMonth / 1440}-day month (${PRICES.minutesPerMonth.toLocaleString('en-US')} executions).`,
    `Collector run (assumed): ${c.apiRoundTripMs} ms per sequential round of API calls (2, or 3 with per-service metrics; the hub: hub.assumedCallLatencyMs) + ` +
      `CPU (${c.cpuMsPerInvocation} ms + ${c.cpuMsPerCluster} ms per cluster at a full vCPU) × ${c.fullVcpuMemoryMb} MB / memory.`,
    `Express executions billed at ${COST_ASSUMPTIONS.stateMachine.expressBilledMemoryMb} MB for the last branch's wait + its collector run; ` +
      `Standard transitions counted from the generated definition, start and end included (as the blog counts).`,
    `Logs: ${c.logBytesPerInvocation} bytes per collector run; the state machine logs a successful run only at level ALL. ` +
      `Custom metrics tiered per account-region (the hub: in its one account); an account-region whose clusters are "*" is assumed to have ` +
      `${discovered} clusters (a hub's hub.assumedClustersPerDiscoveredRegion), a cluster whose services are "*" ${COST_ASSUMPTIONS.servicesPerWildcardCluster} services; ` +
      `an alarm on clusters "*" (Metrics Insights) is billed per series it analyzes. ` +
      `Dashboards $${PRICES.cloudWatch.dashboardUsdPerMonth} each (the 3 free per account assumed in use).`,
    `The blog's design: per cluster, a Standard state machine (${COST_ASSUMPTIONS.blog.collectorDurationMs} ms Python Lambda at ` +
      `${COST_ASSUMPTIONS.blog.memoryMb} MB ${COST_ASSUMPTIONS.blog.architecture}, one PutMetricData per run, 4 metrics), at the same interval.`,
  ].join('\n');
}

const TOPOLOGY_NAMES: Readonly<Record<Topology, string>> = {
  'account-region': 'a pipeline per account-region',
  hub: 'one hub',
};

/** The hub's memory advice: enough, a larger size, or none at all. */
export function hubMemoryNote(hub: HubCostReport): string | undefined {
  const { configuredMb, adviseMb, fastestMs } = hub.memory;
  const half = `half the ${hub.description.intervalSeconds}-s interval`;
  if (adviseMb === configuredMb) return undefined;
  if (adviseMb === undefined) {
    const interval = hub.description.intervalSeconds;
    const none = `No memory size brings this hub's modelled run within ${half}: it takes about ${(fastestMs / 1000).toFixed(1)} s even at 10,240 MB (its AWS calls, not its CPU)`;
    return fastestMs > interval * 1000
      ? `${none}, more than the whole interval, so synth refuses the hub: collect fewer account-regions per hub (split the accounts into several hubs), ` +
          `set a longer intervalSeconds, or list the clusters of "*" account-regions (priced here at ${configuredMb} MB).`
      : `${none}; it still fits the ${interval}-s interval, with less room for slower calls: for more, collect fewer account-regions per hub or set a longer intervalSeconds (priced here at ${configuredMb} MB).`;
  }
  return `At ${configuredMb} MB the hub's modelled run takes more than ${half}: set collectorMemoryMb to at least ${adviseMb} for the hub (priced here at ${configuredMb} MB).`;
}

/** What the hub is and assumes, under its lines. */
function hubNotes(t: TopologyComparison): string[] {
  const hub = t.hub;
  const notes = [
    `The hub: one pipeline (${t.hubStack}) running the config's defaults (per-region settings do not apply), ` +
      `its collector at ${hub.memory.configuredMb.toLocaleString('en-US')} MB and ${hub.timeoutSeconds} s for ${plural(hub.accountRegions, 'account-region')}: about ${Math.ceil(hub.description.collector.durationMs)} ms a run ` +
      `at ${hub.tick.assumedCallLatencyMs} ms per AWS call (a round per ${COST_ASSUMPTIONS.hub.accountRegionsInFlight} account-regions and per ${COST_ASSUMPTIONS.hub.putMetricDataInFlight} PutMetricData requests of 1,000 datums, ` +
      `plus CPU), ${plural(hub.description.dashboards, 'dashboard')} (split by CloudWatch's dashboard quotas), spokes free (IAM roles, AssumeRole and ECS reads cost nothing).`,
    `Custom metrics are tiered in the hub's one account; pipelines per account-region are priced as if each account-region were billed alone ` +
      `(with consolidated billing AWS may already tier metrics across an organization, which narrows the difference).`,
  ];
  const memory = hubMemoryNote(hub);
  if (memory) notes.push(memory);
  if (hub.discoveredAccountRegions > 0) {
    notes.push(
      `${plural(hub.discoveredAccountRegions, 'account-region')} ${hub.discoveredAccountRegions === 1 ? 'has' : 'have'} clusters "*" (found at run time), priced at an assumed ` +
        `${hub.tick.assumedClustersPerDiscoveredRegion} clusters each (hub.assumedClustersPerDiscoveredRegion), in both topologies.`,
    );
  }
  return notes;
}

/** The two topologies side by side, and which is cheaper. */
function comparisonText(t: TopologyComparison): string {
  const ar = t.accountRegion;
  const hub = t.hub;
  const floor = hub.perCluster.floor;
  const row = (topology: Topology, pipelines: number, clusters: number, monthly: number) => [
    `${TOPOLOGY_NAMES[topology]}${topology === t.configured ? ' (this config)' : ''}`,
    String(pipelines),
    String(clusters),
    dollars(monthly),
    dollars(monthly / clusters),
    `${(monthly / clusters / floor).toFixed(2)}×`,
  ];
  const rows = [row('account-region', ar.pipelines.length, ar.clusters, ar.design.usd), row('hub', 1, hub.description.clusters, hub.design.usd)];
  return [
    markdownTable(
      ['topology', 'pipelines', 'clusters', 'a month', 'per cluster', '× the metric floor'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      t.configured === 'hub' ? rows.reverse() : rows,
    ),
    '',
    `Cheaper: ${TOPOLOGY_NAMES[t.cheaper]}, by ${dollars(t.savingUsd)} a month.`,
  ].join('\n');
}

/** The hub's lines, a month. */
function hubLinesTable(hub: HubCostReport): string {
  return markdownTable(
    ['hub line, a month', 'quantity', '$', 'arithmetic'],
    ['l', 'r', 'r', 'l'],
    [...hub.design.lines.map((l) => [l.label, amount(l.quantity, l.unit), dollars(l.usd), l.basis]), ['**total**', '', dollars(hub.design.usd), '']],
  );
}

/** Both topologies for the same config (a per-account-region config's view): the comparison, the hub's lines, its notes. */
export function topologiesText(t: TopologyComparison): string {
  return ['Both topologies for this config:', '', comparisonText(t), '', hubLinesTable(t.hub), '', ...hubNotes(t)].join('\n');
}

/** The fleet's lines summed over its pipelines per account-region, beside the blog's design. */
function fleetLinesTable(cost: FleetCost): string {
  const lineKey = (line: SummedLine) => `${line.item}/${line.label}`;
  const byKey = (lines: readonly SummedLine[]) => new Map(lines.map((l) => [lineKey(l), l]));
  const design = byKey(cost.design.lines);
  const blog = byKey(cost.blog.lines);
  const keys = [...new Set([...cost.design.lines, ...cost.blog.lines].sort(byBillOrder).map(lineKey))];
  const cell = (line: SummedLine | undefined) => (line ? [amount(line.quantity, line.unit), dollars(line.usd)] : ['', '']);
  return markdownTable(
    ['line (whole fleet, a month)', 'this design', '$', "blog's design", '$'],
    ['l', 'r', 'r', 'r', 'r'],
    [
      ...keys.map((key) => [(design.get(key) ?? blog.get(key))!.label, ...cell(design.get(key)), ...cell(blog.get(key))]),
      ['**total**', '', dollars(cost.design.usd), '', dollars(cost.blog.usd)],
    ],
  );
}

/** The default output, the configured topology first: its stacks or hub, its lines, then the other topology, then the assumptions. */
export function costTables(configFile: string, cost: FleetCost, topologies?: TopologyComparison): string {
  if (topologies?.configured === 'hub') return hubTables(configFile, topologies);
  const stacks = markdownTable(
    ['stack', 'workflow', 'interval', 'clusters', 'collector run', 'this design', 'per cluster', "blog's design", 'per cluster', 'blog ÷ design'],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    [
      ...cost.pipelines.map((p) => [
        p.stack,
        p.description.workflowType,
        `${p.description.intervalSeconds} s`,
        String(p.description.clusters),
        `${Math.ceil(p.description.collector.durationMs)} ms`,
        dollars(p.design.usd),
        dollars(p.design.usd / p.description.clusters),
        dollars(p.blog.usd),
        dollars(p.blog.usd / p.description.clusters),
        `${(p.blog.usd / p.design.usd).toFixed(1)}×`,
      ]),
      [
        '**fleet**',
        '',
        '',
        String(cost.clusters),
        '',
        dollars(cost.design.usd),
        dollars(cost.perCluster.design),
        dollars(cost.blog.usd),
        dollars(cost.perCluster.blog),
        `${cost.blogToDesignRatio.toFixed(1)}×`,
      ],
    ],
  );
  return [
    `Monthly cost of ${shownPath(configFile)} (topology account-region): ${plural(cost.pipelines.length, 'account-region')}, ${plural(cost.clusters, 'cluster')}.`,
    '',
    stacks,
    '',
    `Per cluster and month: this design ${dollars(cost.perCluster.design)}, the blog's ${dollars(cost.perCluster.blog)}, ` +
      `floor (the custom metrics alone) ${dollars(cost.perCluster.floor)}.`,
    '',
    fleetLinesTable(cost),
    '',
    ...(topologies ? [topologiesText(topologies), ''] : []),
    assumptionsText(topologies?.hub),
  ].join('\n');
}

/** The default output of a hub config: the hub it builds and its lines, then the same fleet as pipelines per account-region. */
function hubTables(configFile: string, t: TopologyComparison): string {
  const hub = t.hub;
  const ar = t.accountRegion;
  return [
    `Monthly cost of ${shownPath(configFile)} (topology hub): one hub pipeline, ${t.hubStack}, collecting ${plural(hub.accountRegions, 'account-region')}, ` +
      `${plural(hub.description.clusters, 'cluster')}: ${dollars(hub.design.usd)} a month.`,
    '',
    hubLinesTable(hub),
    '',
    `Per cluster and month: ${dollars(hub.perCluster.design)}, floor (the custom metrics alone) ${dollars(hub.perCluster.floor)}.`,
    '',
    ...hubNotes(t),
    '',
    `The same fleet as a pipeline per account-region (the other topology; this config does not build it):`,
    '',
    comparisonText(t),
    '',
    fleetLinesTable(ar),
    '',
    assumptionsText(hub),
  ].join('\n');
}

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

/** `--clusters`: whole numbers of clusters within CLUSTER_SIZE_BOUNDS, at most `sizes` of them. */
export function parseSizes(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const { min, max, sizes: most } = CLUSTER_SIZE_BOUNDS;
  const bounds = `${min} to ${max.toLocaleString('en-US')} (ECS's default quota of clusters per account-region)`;
  if (parts.length > most) throw new UsageError(`--clusters: ${parts.length} sizes are more than ${most}: price at most ${most} at once`);
  const sizes = parts.map(Number);
  if (parts.some((part, i) => part === '' || !Number.isFinite(sizes[i]))) {
    throw new UsageError(`--clusters: "${text}" is not a list of whole numbers of clusters, e.g. 1,10,100`);
  }
  const bad = parts.find((_, i) => !Number.isInteger(sizes[i]) || sizes[i] < min || sizes[i] > max);
  if (bad !== undefined) throw new UsageError(`--clusters: ${bad} is out of range: give whole numbers of clusters from ${bounds}`);
  return sizes;
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

/** The command; returns its exit code. */
export function main(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): number {
  const parsed = parseCommandLine(argv, { config: { type: 'string' }, json: { type: 'boolean' }, clusters: { type: 'string' } }, USAGE);
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.values;
  const { file: configFile } = configFileOf(options, env, process.cwd());
  try {
    // Checked before the config is read: a bad size costs nothing.
    const sizes = options.clusters !== undefined ? parseSizes(options.clusters) : undefined;
    const config = loadFleetConfig(configFile);
    if (sizes) {
      const most = mostListedClusters(config);
      const over = sizes.find((n) => n > most);
      if (over !== undefined) {
        throw new UsageError(
          `--clusters: ${over} is more clusters than one account-region's pipeline lists with this config's defaults (its collector's IAM policy names every cluster): give 1 to ${most}`,
        );
      }
      console.log(clusterSizesTable(config, sizes));
      return 0;
    }
    const topologies = priceTopologies(config);
    const cost = topologies.accountRegion;
    console.log(options.json ? JSON.stringify(costJson(configFile, cost, topologies), null, 2) : costTables(configFile, cost, topologies));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
