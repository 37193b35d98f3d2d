/**
 * The monthly cost of the hub topology (docs/hub-mode.md, Cost): one pipeline whose collector serves
 * every cluster of the fleet, priced with the same model as a pipeline of one account-region:
 * its collector's duration from the hub's rounds, its dashboards as the monitoring splits them,
 * its alarms over every cluster, the custom metrics tiered in one account, and the target list's
 * GETs. Spokes cost nothing (IAM roles, AssumeRole and ECS reads are free). Pure.
 */
import type { EcsHighResMetricsHubProps } from '../hub/props';
import { PRICES } from './prices';
import { COST_ASSUMPTIONS } from './assumptions';
import { byBillOrder, type CostItem, metricFloorUsd, monthlyUsage, type MonthlyUsage, priceUsage, type PipelineCost } from './cost-model';
import { HUB_TICK_DEFAULTS, type HubTickAssumptions, hubTickEstimate, hubTickWork } from '../hub/hub-tick';
import { putMetricDataInFlightOf, targetsOfShard } from '../contract/hub-shards';
import { metricDefinition } from '../metrics/catalog';
import { stateMachineDefinition } from '../pipeline/state-machine-definition';
import {
  alarmPeriodsOf,
  describePipelineForCost,
  type InvocationShape,
  type PipelineDescription,
  serviceCadence,
  stateMachineFacts,
  type TickShape,
} from './pipeline-description';
import type { PipelineSettings } from '../pipeline/pipeline-settings';
import { fleetDashboards } from '../monitoring/fleet-dashboards';
import { publishedDefinitions } from '../monitoring/monitoring-settings';
import { pipelineHealthAlarms } from '../monitoring/pipeline-health-alarms';
import { placeAlarms } from '../monitoring/place-alarms';
import { hubPlaces } from '../monitoring/watched-places';
import { pipelineFleetHealthAlarms, publishedFleetHealthSeries } from '../monitoring/fleet-health-alarms';
import { pipelineFleetHealthRow } from '../monitoring/fleet-health-row';

/** One member account-region of the hub, as its props list them. */
type TargetListEntry = EcsHighResMetricsHubProps['targets'][number];

/**
 * How many collector invocations each tick of the hub runs, and what decided it: `hub.shards` set to
 * a count, `"auto"` (the tick model's choice, chooseShardCount), or neither (one).
 */
export interface HubShards {
  readonly count: number;
  readonly from: 'hub.shards' | 'auto' | 'default';
}

/** A tick of one invocation. */
export const UNSHARDED: HubShards = { count: 1, from: 'default' };

/** The shards of a hub's props, with the count the hub resolved (resolveHubSettings: HubSettings.shards). */
export function hubShardsOf(props: { readonly shards?: number | 'auto' }, resolvedCount: number): HubShards {
  return { count: resolvedCount, from: props.shards === 'auto' ? 'auto' : props.shards !== undefined ? 'hub.shards' : 'default' };
}

/** What the hub runs: its pipeline's settings (the config's defaults) and every member account-region. */
export interface PricedHub {
  readonly settings: PipelineSettings;
  readonly targets: readonly TargetListEntry[];
  /** What the tick model assumes (the hub's settings). @default HUB_TICK_DEFAULTS */
  readonly tick?: HubTickAssumptions;
  /** Invocations per tick, as the hub resolved them (HubSettings.shards; never derived here). @default UNSHARDED */
  readonly shards?: HubShards;
}

/** Lambda memory sizes the advice below picks from (MB). */
const MEMORY_STEPS = [128, 256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 8192, 10240];

/**
 * Assumed duration of one hub collector run: the hub's tick model (modules/hub/hub-tick.ts) for
 * an ordinary warm tick: rounds of account-regions (50 at once), then rounds of PutMetricData (10
 * requests of 1,000 datums at once), one latency each, plus CPU per cluster and service
 * stretched by the memory's CPU share.
 */
export function hubCollectorDurationMs(
  targets: readonly TargetListEntry[],
  settings: Pick<PipelineSettings, 'metrics' | 'collectorMemoryMb'>,
  assumptions: HubTickAssumptions = HUB_TICK_DEFAULTS,
): number {
  return hubTickEstimate(targets, settings.metrics, { memoryMb: settings.collectorMemoryMb, assumptions }).ticks.warm.tickMs;
}

/** Each shard's targets, as the collector splits them (contract/hub-shards.ts, targetsOfShard); one shard: every target. */
export function shardTargets(targets: readonly TargetListEntry[], shards: number): ReadonlyArray<readonly TargetListEntry[]> {
  return shards > 1 ? Array.from({ length: shards }, (_, index) => targetsOfShard(targets, { index, count: shards })) : [targets];
}

/**
 * One tick's invocations, one per shard: each its own warm tick of the tick model (its collect
 * rounds, its CPU per invocation and per cluster, its PutMetricData rounds with its share of the
 * requests in flight) over its targets, and its datums: its targets' and the fleet-health series,
 * which every invocation publishes (`healthDatums`).
 */
function shardInvocations(
  targets: readonly TargetListEntry[],
  metrics: readonly string[],
  o: { readonly shards: number; readonly memoryMb: number; readonly tick: HubTickAssumptions; readonly healthDatums: number },
): InvocationShape[] {
  const putMetricDataInFlight = o.shards > 1 ? putMetricDataInFlightOf(o.shards) : undefined;
  return shardTargets(targets, o.shards).map((shard) => {
    const estimate = hubTickEstimate(shard, metrics, { memoryMb: o.memoryMb, assumptions: o.tick, putMetricDataInFlight });
    return { durationMs: estimate.ticks.warm.tickMs, datums: estimate.work.datums + o.healthDatums };
  });
}

/**
 * The hub's ticks: with one invocation a tick and services read every tick, none (the description's
 * one shape); else each tick's invocations (one per shard), and with a slower service cadence the
 * ticks that read services apart from those that do not (their invocations modelled without the service metrics).
 */
function hubTicks(
  hub: PricedHub,
  o: { readonly shards: number; readonly tick: HubTickAssumptions; readonly services: number; readonly fleetHealthMetrics: number },
): Pick<PipelineDescription, 'ticks' | 'serviceIntervalSeconds'> {
  const s = hub.settings;
  const options = (healthDatums: number) => ({ shards: o.shards, memoryMb: s.collectorMemoryMb, tick: o.tick, healthDatums });
  const withoutServices = s.metrics.filter((name) => metricDefinition(name)?.source !== 'service');
  const serviceTick = shardInvocations(hub.targets, s.metrics, options(o.fleetHealthMetrics));
  const cadence = serviceCadence({
    intervalSeconds: s.intervalSeconds,
    serviceIntervalSeconds: s.serviceIntervalSeconds,
    services: o.services,
    fleetHealthMetrics: o.fleetHealthMetrics,
    serviceTick,
    otherTick: (healthDatums) => shardInvocations(hub.targets, withoutServices, options(healthDatums)),
  });
  if (cadence.ticks) return cadence;
  if (o.shards === 1) return {};
  const every: TickShape = { label: 'every tick', perExecution: 60 / s.intervalSeconds, last: true, invocations: serviceTick };
  return { ticks: [every] };
}

export interface HubCostReport {
  readonly description: PipelineDescription;
  readonly usage: MonthlyUsage;
  readonly design: PipelineCost;
  readonly accountRegions: number;
  /** Account-regions whose clusters are "*", priced at the assumed count. */
  readonly discoveredAccountRegions: number;
  /**
   * The collector's configured memory, and the smallest that keeps the modelled run within half
   * the interval; none when no memory size does (`fastestMs`: the run at the largest, 10,240 MB).
   */
  readonly memory: { readonly configuredMb: number; readonly adviseMb?: number; readonly fastestMs: number };
  /** What the tick model assumed. */
  readonly tick: HubTickAssumptions;
  /** The collector's timeout (as the hub sizes it, or set). */
  readonly timeoutSeconds: number;
  readonly perCluster: { readonly design: number; readonly floor: number };
  /** Invocations per tick and what decided it. */
  readonly shards: HubShards;
  /** With more than one shard: the same hub at one invocation a tick (same settings and memory), to show what the fan-out adds. */
  readonly unsharded?: { readonly usage: MonthlyUsage; readonly design: PipelineCost };
}

/** The hub's pipeline, described for the model. */
export function describeHub(hub: PricedHub): PipelineDescription {
  const s = hub.settings;
  const base = describePipelineForCost({ ...s, clusters: [], services: {} });
  const tick = hub.tick ?? HUB_TICK_DEFAULTS;
  const work = hubTickWork(hub.targets, s.metrics, tick);
  const clusters = work.clusters;
  const services = work.services;
  const metrics = publishedDefinitions(s.metrics);
  const places = hubPlaces(hub.targets);
  const { perPlace } = placeAlarms(s.alarms, { ...s, metrics }, places);
  const health = s.pipelineAlarms ? pipelineHealthAlarms({ pipelineName: s.name, stateMachineName: s.name, stateMachineArn: 'hub', functionName: 'hub' }) : [];
  const shards = hub.shards?.count ?? 1;
  // Only counts and periods are priced: the names are placeholders. A sharded hub's fleet-health
  // alarms are metric math over two or three statistics, each billed as an alarm metric.
  const fleetHealth = pipelineFleetHealthAlarms(
    { ...s, metrics, ...(shards > 1 ? { shards } : {}) },
    { collectorLogGroupName: 'hub', dashboardName: 'hub' },
    hub.targets,
  );
  const alarmPeriods = alarmPeriodsOf([...perPlace.flat(), ...health, ...fleetHealth]);
  const dashboards = s.dashboard
    ? fleetDashboards({
        name: s.name,
        region: 'hub',
        namespace: s.namespace,
        intervalSeconds: s.intervalSeconds,
        metrics,
        places,
        stateMachineArn: 'hub',
        functionName: 'hub',
        collectorTimeoutSeconds: s.collectorTimeoutSeconds,
        healthAlarmArns: health.map((a) => a.name),
        placeAlarmArns: perPlace.map((alarms) => alarms.map((a) => a.name)),
        fleetHealthRow: pipelineFleetHealthRow({ ...s, metrics }, { region: 'hub', logGroupName: 'hub' }, hub.targets),
      }).length
    : 0;
  const fleetHealthMetrics = publishedFleetHealthSeries({ ...s, metrics }, hub.targets);
  const described = { ...base, clusters, services, fleetHealthMetrics };
  const ticks = hubTicks(hub, { shards, tick, services, fleetHealthMetrics });
  // The run shown: one invocation's (the slowest shard's) on a tick that reads services.
  const durationMs = ticks.ticks ? Math.max(...ticks.ticks[0].invocations.map((i) => i.durationMs)) : hubCollectorDurationMs(hub.targets, s, tick);
  // A tick of several shards is a Map state per branch: Standard bills its states, level ALL logs its events.
  const machine =
    shards > 1
      ? stateMachineFacts(stateMachineDefinition({ intervalSeconds: s.intervalSeconds, collectorArn: 'hub', shards }), s.stateMachineLogLevel, {
          mapIterations: shards,
        })
      : undefined;
  return {
    ...described,
    ...(machine ? { transitionsPerExecution: machine.transitionsPerExecution } : {}),
    ...ticks,
    alarms: {
      standard: alarmPeriods.filter((period) => period >= 60).length,
      highResolution: alarmPeriods.filter((period) => period < 60).length,
    },
    dashboards,
    collector: {
      ...base.collector,
      durationMs,
    },
    ...(machine ? { stateMachine: { ...base.stateMachine, logBytesPerExecution: machine.logBytesPerExecution } } : {}),
  };
}

/**
 * The hub's month: the pipeline's usage and the GETs of the target list (or, with an organization,
 * the discovered object): at most one a minute per warm container, and a tick of `shards`
 * invocations at once keeps that many containers warm, each reading for itself.
 */
export function hubUsage(description: PipelineDescription, shards = 1): MonthlyUsage {
  return { ...monthlyUsage(description), s3GetRequests: PRICES.minutesPerMonth * COST_ASSUMPTIONS.hub.targetListGetsPerMinute * shards };
}

export function hubCost(hub: PricedHub): HubCostReport {
  if (hub.targets.length === 0) throw new Error('the hub has no account-regions to price');
  const shards = hub.shards ?? UNSHARDED;
  const description = describeHub(hub);
  const usage = hubUsage(description, shards.count);
  const design = priceUsage(usage);
  const floor = metricFloorUsd(description);
  const configuredMb = hub.settings.collectorMemoryMb;
  const tick = hub.tick ?? HUB_TICK_DEFAULTS;
  // The tick's run: its slowest shard's.
  const runMs = (memoryMb: number) =>
    shards.count > 1
      ? Math.max(...shardInvocations(hub.targets, hub.settings.metrics, { shards: shards.count, memoryMb, tick, healthDatums: 0 }).map((i) => i.durationMs))
      : hubCollectorDurationMs(hub.targets, { ...hub.settings, collectorMemoryMb: memoryMb }, tick);
  const fits = (memoryMb: number) => runMs(memoryMb) <= (hub.settings.intervalSeconds * 1000) / 2;
  const adviseMb = fits(configuredMb) ? configuredMb : MEMORY_STEPS.find((m) => m > configuredMb && fits(m));
  return {
    description,
    usage,
    design,
    accountRegions: hub.targets.length,
    discoveredAccountRegions: hub.targets.filter((t) => t.clusters === '*').length,
    memory: { configuredMb, ...(adviseMb !== undefined ? { adviseMb } : {}), fastestMs: runMs(MEMORY_STEPS[MEMORY_STEPS.length - 1]) },
    tick,
    timeoutSeconds: hub.settings.collectorTimeoutSeconds,
    perCluster: { design: design.usd / description.clusters, floor: floor / description.clusters },
    shards,
    ...(shards.count > 1 ? { unsharded: unshardedOf(hub) } : {}),
  };
}

/** The same hub at one invocation a tick. */
function unshardedOf(hub: PricedHub): NonNullable<HubCostReport['unsharded']> {
  const usage = hubUsage(describeHub({ ...hub, shards: UNSHARDED }));
  return { usage, design: priceUsage(usage) };
}

/** One item of the bill, with and without the fan-out. */
export interface FanOutLine {
  readonly item: CostItem;
  readonly label: string;
  readonly unit: string;
  readonly unsharded: { readonly quantity: number; readonly usd: number };
  readonly sharded: { readonly quantity: number; readonly usd: number };
  /** US dollars a month the fan-out adds (negative: saves). */
  readonly differenceUsd: number;
}

/** Every item of a sharded hub's bill beside the same hub at one invocation a tick, in bill order; none without a fan-out. */
export function fanOutLines(report: HubCostReport): FanOutLine[] {
  if (!report.unsharded) return [];
  const byLabel = (cost: PipelineCost) => new Map(cost.lines.map((l) => [`${l.item}/${l.label}`, l]));
  const sharded = byLabel(report.design);
  const unsharded = byLabel(report.unsharded.design);
  const keys = [...new Set([...report.unsharded.design.lines, ...report.design.lines].map((l) => `${l.item}/${l.label}`))];
  const lines = keys.map((key) => {
    const a = unsharded.get(key);
    const b = sharded.get(key);
    const line = (a ?? b)!;
    return {
      item: line.item,
      label: line.label,
      unit: line.unit,
      unsharded: { quantity: a?.quantity ?? 0, usd: a?.usd ?? 0 },
      sharded: { quantity: b?.quantity ?? 0, usd: b?.usd ?? 0 },
      differenceUsd: (b?.usd ?? 0) - (a?.usd ?? 0),
    };
  });
  return lines.sort(byBillOrder);
}

export type Topology = 'account-region' | 'hub';

/** Which topology costs less a month, and by how much. */
export function cheaperTopology(accountRegionUsd: number, hubUsd: number): { readonly topology: Topology; readonly savingUsd: number } {
  return hubUsd < accountRegionUsd
    ? { topology: 'hub', savingUsd: accountRegionUsd - hubUsd }
    : { topology: 'account-region', savingUsd: hubUsd - accountRegionUsd };
}
