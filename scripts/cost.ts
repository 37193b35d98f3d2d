/**
 * `npm run cost [--config F] [--json] [--clusters 1,10,100]`: the monthly cost of a fleet
 * config, per account-region and per cluster, line by line, beside the blog's design, and the
 * same fleet in both topologies (a pipeline per account-region, or one hub), naming the cheaper.
 * Prices the pipelines MetricsFleet builds from the config (their resolved settings), so the
 * numbers follow what `npm run synth` would synthesize. Nothing is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import {
  ConfigError,
  COST_ASSUMPTIONS,
  CostItem,
  FleetConfig,
  fleetCost,
  fleetStackName,
  monitoringFactsOf,
  FleetCost,
  loadFleetConfig,
  MetricsFleet,
  PRICES,
} from '../modules';
import type { TargetListEntry } from '../modules/contract/hub-target-list';
import { resolveHubSettings } from '../modules/hub/hub-settings';
import { cheaperTopology, hubCost, HubCostReport, Topology } from '../modules/cost/hub-cost';
import type { PricedStack } from '../modules/cost/fleet-cost';
import { byBillOrder } from '../modules/cost/cost-model';
import { SummedLine } from '../modules/cost/fleet-cost';
import { parseCommandLine, UsageError } from './lib/command-line';
import { generatedFleetConfig } from './lib/generated-fleet';
import { ROOT } from './lib/root';

const EXAMPLE_CONFIG = path.join(ROOT, 'examples', 'fleet.json');
/** What the prices are and where each is written down with its AWS source page: the repository's COSTS.md. */
export const PRICES_SOURCE = 'us-east-1 list prices, free tiers ignored; each price and limit with its AWS source page in COSTS.md (repository root)';

const USAGE = `usage: npm run cost -- [--config FILE] [--json] [--clusters N,N,...]
  --config FILE   fleet config to price (default examples/fleet.json)
  --json          print {"fleet", "perCluster", "lines"} as JSON instead of tables
  --clusters LIST price one account-region of N clusters for each N, with the config's defaults`;

/** What this script reads of the fleet config's topology (hub mode, issue 12); absent: pipelines per account-region. */
interface TopologyFields {
  readonly topology?: Topology;
  readonly hub?: { readonly account: string; readonly region: string };
}

/** The config as pipelines per account-region: the hub's own fields left out, everything else as written. */
function perAccountRegion(config: FleetConfig): FleetConfig {
  const { topology: _topology, hub: _hub, ...rest } = config as FleetConfig & TopologyFields;
  return rest as FleetConfig;
}

/** The pipelines MetricsFleet builds for every account-region of the config, with the account and region of each. */
function pricedStacks(config: FleetConfig): Array<PricedStack & { readonly account: string; readonly region: string }> {
  // App() creates its outdir; a throwaway one keeps the working tree untouched.
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-cost-'));
  try {
    const fleet = new MetricsFleet(new App({ outdir }), 'fleet', { config: perAccountRegion(config) });
    const byName = new Map(fleet.stacks.map((stack) => [stack.node.id, stack]));
    return config.accounts.flatMap((account) =>
      Object.keys(account.regions).map((region) => {
        const name = fleetStackName(config.name, account.id, region);
        const stack = byName.get(name);
        if (!stack) throw new Error(`cost: MetricsFleet built no stack ${name} for account ${account.id} in ${region}`);
        return { name, account: account.id, region, settings: stack.pipeline.settings, monitoring: monitoringFactsOf(stack.pipeline) };
      }),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The cost of the fleet a config describes, as pipelines per account-region (nothing is synthesized to disk). */
export function priceFleet(config: FleetConfig): FleetCost {
  return fleetCost(pricedStacks(config));
}

/** The same fleet in both topologies, and which costs less. */
export interface TopologyComparison {
  /** The topology the config deploys. */
  readonly configured: Topology;
  readonly accountRegion: FleetCost;
  readonly hub: HubCostReport;
  readonly cheaper: Topology;
  readonly savingUsd: number;
}

/** The hub of a config: its pipeline runs the config's defaults; its targets are every account-region's clusters and services. */
export function priceTopologies(config: FleetConfig): TopologyComparison {
  const stacks = pricedStacks(config);
  const fields = config as FleetConfig & TopologyFields;
  const { tags: _tags, ...defaults } = config.defaults ?? {};
  const first = stacks[0];
  const targets: TargetListEntry[] = stacks.map((s) => ({
    account: s.account,
    region: s.region,
    clusters: s.settings.clusters as readonly string[] | '*',
    ...(Object.keys(s.settings.services).length > 0 ? { services: s.settings.services } : {}),
  }));
  // The hub's settings as the hub construct resolves them (its collector's memory is sized from the fleet).
  const settings = resolveHubSettings({
    ...defaults,
    name: config.name,
    account: fields.hub?.account ?? first.account,
    region: fields.hub?.region ?? first.region,
    targets,
  }).pipeline;
  const accountRegion = fleetCost(stacks);
  const hub = hubCost({ settings, targets });
  const cheaper = cheaperTopology(accountRegion.design.usd, hub.design.usd);
  return { configured: fields.topology ?? 'account-region', accountRegion, hub, cheaper: cheaper.topology, savingUsd: cheaper.savingUsd };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Money to a hundredth of a cent, quantities to a thousandth: JSON without float noise. */
const usd = (n: number) => round(n, 4);
const qty = (n: number) => round(n, 3);

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
      pipelines: 1,
      accountRegions: t.hub.accountRegions,
      clusters: t.hub.description.clusters,
      discoveredAccountRegions: t.hub.discoveredAccountRegions,
      assumedClustersPerDiscoveredRegion: COST_ASSUMPTIONS.clustersPerDiscoveredRegion,
      collectorDurationMs: qty(t.hub.description.collector.durationMs),
      collectorMemoryMb: t.hub.memory,
      dashboards: t.hub.description.dashboards,
      monthlyUsd: usd(t.hub.design.usd),
      perClusterUsd: perCluster(t.hub.design.usd, t.hub.description.clusters),
      floorPerClusterUsd: usd(t.hub.perCluster.floor),
      lines: t.hub.design.lines.map((line) => ({ item: line.item, label: line.label, quantity: qty(line.quantity), unit: line.unit, usd: usd(line.usd), basis: line.basis })),
    },
    cheaper: t.cheaper,
    savingUsd: usd(t.savingUsd),
  };
}

/** The `--json` document (with `topologies` when both were priced). */
export function costJson(configFile: string, cost: FleetCost, topologies?: TopologyComparison) {
  return {
    fleet: {
      config: path.relative(process.cwd(), configFile) || configFile,
      prices: { asOf: PRICES.asOf, source: PRICES_SOURCE, daysPerMonth: PRICES.minutesPerMonth / 1440 },
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

const dollars = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const amount = (n: number, unit: string) =>
  `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : n < 1000 ? 1 : 0 })} ${unit}`;

function markdownTable(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function assumptionsText(): string {
  const c = COST_ASSUMPTIONS.collector;
  return [
    `Prices: ${PRICES_SOURCE}; as of ${PRICES.asOf}; a ${PRICES.minutesPerMonth / 1440}-day month (${PRICES.minutesPerMonth.toLocaleString('en-US')} executions).`,
    `Collector run (assumed): ${c.apiRoundTripMs} ms per sequential round of API calls (2, or 3 with per-service metrics) + ` +
      `CPU (${c.cpuMsPerInvocation} ms + ${c.cpuMsPerCluster} ms per cluster at a full vCPU) × ${c.fullVcpuMemoryMb} MB / memory.`,
    `Express executions billed at ${COST_ASSUMPTIONS.stateMachine.expressBilledMemoryMb} MB for the last branch's wait + its collector run; ` +
      `Standard transitions counted from the generated definition, start and end included (as the blog counts).`,
    `Logs: ${c.logBytesPerInvocation} bytes per collector run; the state machine logs a successful run only at level ALL. ` +
      `Custom metrics tiered per account-region (the hub: in its one account); an account-region whose clusters are "*" is assumed to have ` +
      `${COST_ASSUMPTIONS.clustersPerDiscoveredRegion} clusters, a cluster whose services are "*" ${COST_ASSUMPTIONS.servicesPerWildcardCluster} services; ` +
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

/** Both topologies for the same config, the hub's lines, and which is cheaper. */
export function topologiesText(t: TopologyComparison): string {
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
  const comparison = markdownTable(
    ['topology', 'pipelines', 'clusters', 'a month', 'per cluster', '× the metric floor'],
    ['l', 'r', 'r', 'r', 'r', 'r'],
    [row('account-region', ar.pipelines.length, ar.clusters, ar.design.usd), row('hub', 1, hub.description.clusters, hub.design.usd)],
  );
  const lines = markdownTable(
    ['hub line, a month', 'quantity', '$', 'arithmetic'],
    ['l', 'r', 'r', 'l'],
    [...hub.design.lines.map((l) => [l.label, amount(l.quantity, l.unit), dollars(l.usd), l.basis]), ['**total**', '', dollars(hub.design.usd), '']],
  );
  const notes = [
    `The hub: one pipeline in the hub account-region running the config's defaults (per-region settings do not apply), ` +
      `its collector at ${hub.memory.configuredMb} MB for ${hub.accountRegions} account-regions: about ${Math.ceil(hub.description.collector.durationMs)} ms a run ` +
      `(a round per ${COST_ASSUMPTIONS.hub.accountRegionsInFlight} account-regions and per ${COST_ASSUMPTIONS.hub.putMetricDataInFlight} PutMetricData requests of 1,000 datums, ` +
      `plus CPU), ${hub.description.dashboards} dashboard${hub.description.dashboards === 1 ? '' : 's'} (split by CloudWatch's dashboard quotas), spokes free (IAM roles, AssumeRole and ECS reads cost nothing).`,
    `Custom metrics are tiered in the hub's one account; pipelines per account-region are priced as if each account-region were billed alone ` +
      `(with consolidated billing AWS may already tier metrics across an organization, which narrows the difference).`,
  ];
  if (hub.memory.adviseMb !== hub.memory.configuredMb) {
    notes.push(
      `At ${hub.memory.configuredMb} MB the hub's modelled run takes more than half the ${hub.description.intervalSeconds} s interval: set collectorMemoryMb to at least ${hub.memory.adviseMb} for the hub (priced here at ${hub.memory.configuredMb} MB).`,
    );
  }
  if (hub.discoveredAccountRegions > 0) {
    notes.push(
      `${hub.discoveredAccountRegions} account-region${hub.discoveredAccountRegions === 1 ? ' has' : 's have'} clusters "*" (found at run time), priced at an assumed ` +
        `${COST_ASSUMPTIONS.clustersPerDiscoveredRegion} clusters each, in both topologies.`,
    );
  }
  const cheaper = `Cheaper: ${TOPOLOGY_NAMES[t.cheaper]}, by ${dollars(t.savingUsd)} a month.`;
  return ['Both topologies for this config:', '', comparison, '', cheaper, '', lines, '', ...notes].join('\n');
}

/** The default output: per stack, then the fleet's lines, both topologies, then the assumptions. */
export function costTables(configFile: string, cost: FleetCost, topologies?: TopologyComparison): string {
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
  const lineKey = (line: SummedLine) => `${line.item}/${line.label}`;
  const byKey = (lines: readonly SummedLine[]) => new Map(lines.map((l) => [lineKey(l), l]));
  const design = byKey(cost.design.lines);
  const blog = byKey(cost.blog.lines);
  const keys = [...new Set([...cost.design.lines, ...cost.blog.lines].sort(byBillOrder).map(lineKey))];
  const cell = (line: SummedLine | undefined) => (line ? [amount(line.quantity, line.unit), dollars(line.usd)] : ['', '']);
  const lines = markdownTable(
    ['line (whole fleet, a month)', 'this design', '$', "blog's design", '$'],
    ['l', 'r', 'r', 'r', 'r'],
    [
      ...keys.map((key) => [(design.get(key) ?? blog.get(key))!.label, ...cell(design.get(key)), ...cell(blog.get(key))]),
      ['**total**', '', dollars(cost.design.usd), '', dollars(cost.blog.usd)],
    ],
  );
  return [
    `Monthly cost of ${path.relative(process.cwd(), configFile) || configFile}: ${cost.pipelines.length} account-regions, ${cost.clusters} clusters.`,
    '',
    stacks,
    '',
    `Per cluster and month: this design ${dollars(cost.perCluster.design)}, the blog's ${dollars(cost.perCluster.blog)}, ` +
      `floor (the custom metrics alone) ${dollars(cost.perCluster.floor)}.`,
    '',
    lines,
    '',
    ...(topologies ? [topologiesText(topologies), ''] : []),
    assumptionsText(),
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
    cost: priceFleet(
      generatedFleetConfig({ name: config.name, defaults: config.defaults, accounts: 1, regionsPerAccount: 1, clustersPerRegion: clusters }),
    ),
  }));
  // A group no size pays for (alarms and dashboards until they exist) is left out.
  const columns = COLUMNS.filter((column) =>
    costs.some(({ cost }) => cost.design.lines.some((l) => column.items.includes(l.item) && l.usd > 0)),
  );
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

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()));
  const bad = sizes.find((n) => !Number.isInteger(n) || n < 1);
  if (bad !== undefined) throw new UsageError(`--clusters: "${text}" is not a list of whole numbers of clusters, e.g. 1,10,100`);
  return sizes;
}

function main(argv: string[]): number {
  const parsed = parseCommandLine(
    argv,
    { config: { type: 'string' }, json: { type: 'boolean' }, clusters: { type: 'string' } },
    USAGE,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.values;
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const configFile = options.config ? path.resolve(process.env.INIT_CWD ?? process.cwd(), options.config) : EXAMPLE_CONFIG;
  try {
    const config = loadFleetConfig(configFile);
    if (options.clusters !== undefined) {
      const sizes = parseSizes(options.clusters);
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
