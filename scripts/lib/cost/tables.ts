/** The default output of `npm run cost`: Markdown tables and the notes under them. */
import { COST_ASSUMPTIONS } from '../../../modules/cost/assumptions';
import { byBillOrder } from '../../../modules/cost/cost-model';
import type { FleetCost, SummedLine } from '../../../modules/cost/fleet-cost';
import { fanOutLines, type HubCostReport, type HubShards, type Topology } from '../../../modules/cost/hub-cost';
import { PRICES } from '../../../modules/cost/prices';
import { amount, dollars, markdownTable, plural, shownPath } from './format';
import { PRICES_SOURCE, type TopologyComparison } from './pricing';

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
export function hubMemoryNote(hub: HubCostReport, builtForAnotherSize = false): string | undefined {
  const { configuredMb, adviseMb, fastestMs } = hub.memory;
  const half = `half the ${hub.description.intervalSeconds}-s interval`;
  if (adviseMb === configuredMb) return undefined;
  if (adviseMb === undefined) {
    const interval = hub.description.intervalSeconds;
    const none = `No memory size brings this hub's modelled run within ${half}: it takes about ${(fastestMs / 1000).toFixed(1)} s even at 10,240 MB (its AWS calls, not its CPU)`;
    // A hub built for a smaller organization than priced passes synth: its ticks would then not finish.
    const verdict = builtForAnotherSize ? 'so its ticks would not finish (size the hub for this organization, above)' : 'so synth refuses the hub';
    return fastestMs > interval * 1000
      ? `${none}, more than the whole interval, ${verdict}: collect fewer account-regions per hub (split the accounts into several hubs), ` +
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
      `its collector at ${hub.memory.configuredMb.toLocaleString('en-US')} MB and ${hub.timeoutSeconds} s for ${plural(hub.accountRegions, 'account-region')}: about ${Math.ceil(hub.description.collector.durationMs)} ms a run${hub.shards.count > 1 ? ` (the slowest of its ${hub.shards.count} shards)` : ''} ` +
      `at ${hub.tick.assumedCallLatencyMs} ms per AWS call (a round per ${COST_ASSUMPTIONS.hub.accountRegionsInFlight} account-regions and per ${COST_ASSUMPTIONS.hub.putMetricDataInFlight} PutMetricData requests of 1,000 datums, ` +
      `plus CPU), ${plural(hub.description.dashboards, 'dashboard')} (split by CloudWatch's dashboard quotas), spokes free (IAM roles, AssumeRole and ECS reads cost nothing).`,
    `Custom metrics are tiered in the hub's one account; pipelines per account-region are priced as if each account-region were billed alone ` +
      `(with consolidated billing AWS may already tier metrics across an organization, which narrows the difference).`,
  ];
  if (t.builtFor) {
    const b = t.builtFor;
    notes.push(
      `The hub is priced as synth builds it for the organization the config assumes (${plural(b.accountRegions, 'account-region')}, ${plural(b.clusters, 'cluster')}: ` +
        `hub.assumedDiscoveredAccountRegions and hub.assumedClustersPerDiscoveredRegion): collector ${b.memoryMb.toLocaleString('en-US')} MB, ` +
        `${plural(b.shards, 'invocation')} a tick, running the organization priced here` +
        (b.accountRegions !== hub.accountRegions || b.clusters !== hub.description.clusters
          ? `; set those two to ${hub.accountRegions.toLocaleString('en-US')} and ${hub.tick.assumedClustersPerDiscoveredRegion.toLocaleString('en-US')} to size the hub for it.`
          : '.'),
    );
  }
  notes.push(...serviceCadenceNote(hub));
  const builtForAnotherSize =
    t.builtFor !== undefined && (t.builtFor.accountRegions !== hub.accountRegions || t.builtFor.clusters !== hub.description.clusters);
  const memory = hubMemoryNote(hub, builtForAnotherSize);
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

/** Where the shard count came from, in words. */
export function shardsSource(shards: HubShards): string {
  switch (shards.from) {
    case 'auto':
      return 'hub.shards "auto": the tick model\'s choice (modules/hub/hub-tick.ts, chooseShardCount), as the hub construct decides it';
    case 'hub.shards':
      return `hub.shards: ${shards.count}, set in the config`;
    default:
      return 'hub.shards not set: one invocation a tick';
  }
}

/**
 * The hub's fan-out: how many collector invocations a tick runs and why, and, when more than one,
 * every item of the bill beside the same hub at one invocation a tick (same memory). Nothing for
 * a hub that sets no shards.
 */
export function fanOutText(hub: HubCostReport): string[] {
  const { shards } = hub;
  if (shards.from === 'default') return [];
  if (shards.count === 1) {
    return [`Fan-out: 1 invocation a tick (${shardsSource(shards)}: at the size the hub is built for, one invocation's tick fits within half the interval).`];
  }
  const cell = (side: { quantity: number; usd: number }, unit: string) => (side.quantity > 0 ? `${amount(side.quantity, unit)}, ${dollars(side.usd)}` : '');
  const signed = (n: number) => (Math.abs(n) < 0.005 ? '$0.00' : n > 0 ? `+${dollars(n)}` : `−${dollars(-n)}`);
  const lines = fanOutLines(hub);
  const total = hub.design.usd - hub.unsharded!.design.usd;
  return [
    `Fan-out: each tick runs ${shards.count} collector invocations at once, an inline Map state over the shards (${shardsSource(shards)}). ` +
      `What it adds, item by item, against the same hub at one invocation a tick (same settings and ${hub.memory.configuredMb.toLocaleString('en-US')} MB): ` +
      `${shards.count}× the Lambda requests and log lines; each shard's own run (its collect rounds, its CPU per invocation, its PutMetricData rounds at ` +
      `its share of the tick's requests in flight); each shard's PutMetricData requests (the fleet-health series in every shard's); ` +
      `the Express execution's duration to its last tick's slowest shard (its billed memory stays the first 64 MB step: the Map adds kilobytes of definition and payload); ` +
      `one S3 GET a minute per shard's warm container (the target list, or the discovered object). ` +
      `Each run is the tick model's warm tick: the time of that GET and of a container's cold tick (every role assumed) are not in it.`,
    '',
    markdownTable(
      ['item, a month', 'one invocation a tick', `${shards.count} shards`, 'difference'],
      ['l', 'r', 'r', 'r'],
      [
        ...lines.map((l) => [l.label, cell(l.unsharded, l.unit), cell(l.sharded, l.unit), signed(l.differenceUsd)]),
        ['**total**', dollars(hub.unsharded!.design.usd), dollars(hub.design.usd), signed(total)],
      ],
    ),
  ];
}

/** The service cadence, when slower than the interval: what the ticks between service ticks leave out. */
function serviceCadenceNote(hub: HubCostReport): string[] {
  const d = hub.description;
  if (d.serviceIntervalSeconds === undefined) return [];
  return [
    `Services are read every ${d.serviceIntervalSeconds} s (serviceIntervalSeconds): ${60 / d.serviceIntervalSeconds} of the ${d.branches} ticks a minute read them and publish their datums; ` +
      `the others are priced without the service reads, datums and service fleet-health series.`,
  ];
}

/** The pipelines that read services at a slower cadence than their interval, if any. */
function pipelineCadenceNote(cost: FleetCost): string[] {
  const slower = cost.pipelines.filter((p) => p.description.serviceIntervalSeconds !== undefined);
  if (slower.length === 0) return [];
  const which = slower.map((p) => `${p.stack} every ${p.description.serviceIntervalSeconds} s`).join(', ');
  return [
    `Services read at a slower cadence than the interval (serviceIntervalSeconds): ${which}. Only those ticks are priced with the service reads, ` +
      `their datums and the service fleet-health series; the collector run shown is such a tick's.`,
    '',
  ];
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
      `floor (the cluster and service metrics alone) ${dollars(cost.perCluster.floor)}.`,
    '',
    ...pipelineCadenceNote(cost),
    fleetLinesTable(cost),
    '',
    ...(topologies ? [topologiesText(topologies), ''] : []),
    assumptionsText(topologies?.hub),
  ].join('\n');
}

/** The default output of a hub config: the hub it builds and its lines, then the same fleet as pipelines per account-region. */
function hubTables(configFile: string, t: TopologyComparison): string {
  const hub = t.hub;
  const fanOut = fanOutText(hub);
  const ar = t.accountRegion;
  return [
    `Monthly cost of ${shownPath(configFile)} (topology hub): one hub pipeline, ${t.hubStack}, collecting ${plural(hub.accountRegions, 'account-region')}, ` +
      `${plural(hub.description.clusters, 'cluster')}: ${dollars(hub.design.usd)} a month.`,
    '',
    hubLinesTable(hub),
    '',
    `Per cluster and month: ${dollars(hub.perCluster.design)}, floor (the cluster and service metrics alone) ${dollars(hub.perCluster.floor)}.`,
    '',
    ...hubNotes(t),
    '',
    ...(fanOut.length > 0 ? [...fanOut, ''] : []),
    `The same fleet as a pipeline per account-region (the other topology; this config does not build it):`,
    '',
    comparisonText(t),
    '',
    fleetLinesTable(ar),
    '',
    assumptionsText(hub),
  ].join('\n');
}
