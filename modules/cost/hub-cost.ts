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
import { metricFloorUsd, monthlyUsage, type MonthlyUsage, priceUsage, type PipelineCost } from './cost-model';
import { HUB_TICK_DEFAULTS, type HubTickAssumptions, hubTickEstimate, hubTickWork } from '../hub/hub-tick';
import { alarmPeriodsOf, describePipelineForCost, type PipelineDescription } from './pipeline-description';
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

/** What the hub runs: its pipeline's settings (the config's defaults) and every member account-region. */
export interface PricedHub {
  readonly settings: PipelineSettings;
  readonly targets: readonly TargetListEntry[];
  /** What the tick model assumes (the hub's settings). @default HUB_TICK_DEFAULTS */
  readonly tick?: HubTickAssumptions;
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
  // Only counts and periods are priced: the names are placeholders.
  const fleetHealth = pipelineFleetHealthAlarms({ ...s, metrics }, { collectorLogGroupName: 'hub', dashboardName: 'hub' }, hub.targets);
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
  const described = { ...base, clusters, services, fleetHealthMetrics: publishedFleetHealthSeries({ ...s, metrics }, hub.targets) };
  return {
    ...described,
    alarms: {
      standard: alarmPeriods.filter((period) => period >= 60).length,
      highResolution: alarmPeriods.filter((period) => period < 60).length,
    },
    dashboards,
    collector: {
      ...base.collector,
      durationMs: hubCollectorDurationMs(hub.targets, s, tick),
    },
  };
}

/** The hub's month: the pipeline's usage and the target list's GETs. */
export function hubUsage(description: PipelineDescription): MonthlyUsage {
  return { ...monthlyUsage(description), s3GetRequests: PRICES.minutesPerMonth * COST_ASSUMPTIONS.hub.targetListGetsPerMinute };
}

export function hubCost(hub: PricedHub): HubCostReport {
  if (hub.targets.length === 0) throw new Error('the hub has no account-regions to price');
  const description = describeHub(hub);
  const usage = hubUsage(description);
  const design = priceUsage(usage);
  const floor = metricFloorUsd(description);
  const configuredMb = hub.settings.collectorMemoryMb;
  const tick = hub.tick ?? HUB_TICK_DEFAULTS;
  const runMs = (memoryMb: number) => hubCollectorDurationMs(hub.targets, { ...hub.settings, collectorMemoryMb: memoryMb }, tick);
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
  };
}

export type Topology = 'account-region' | 'hub';

/** Which topology costs less a month, and by how much. */
export function cheaperTopology(accountRegionUsd: number, hubUsd: number): { readonly topology: Topology; readonly savingUsd: number } {
  return hubUsd < accountRegionUsd
    ? { topology: 'hub', savingUsd: accountRegionUsd - hubUsd }
    : { topology: 'account-region', savingUsd: hubUsd - accountRegionUsd };
}
