/**
 * The plain description of one account-region's pipeline that the cost model prices, built
 * from the settings a synthesized pipeline resolved (`EcsHighResMetrics.settings`), and the
 * blog's design described the same way.
 */
import { DEFAULT_METRICS, metricDefinition } from '../metrics/catalog';
import { fleetHealthMetricsPublished } from '../metrics/fleet-health';
import type { Architecture, StateMachineLogLevel, TriggerKind, WorkflowType } from '../common/settings';
import { type AlarmDefinition, alarmMetricCount } from '../monitoring/alarm-definition';
import { fleetDashboards } from '../monitoring/fleet-dashboards';
import { metricAlarmDefinitions } from '../monitoring/metric-alarms';
import { publishedDefinitions, watchedPlaces } from '../monitoring/monitoring-settings';
import { pipelineHealthAlarms } from '../monitoring/pipeline-health-alarms';
import { pipelineFleetHealthAlarms, publishedFleetHealthSeries } from '../monitoring/fleet-health-alarms';
import { pipelineFleetHealthRow } from '../monitoring/fleet-health-row';
import { placeAlarms } from '../monitoring/place-alarms';
import type { PipelineSettings } from '../pipeline/pipeline-settings';
import { stateMachineDefinition } from '../pipeline/state-machine-definition';
import { COST_ASSUMPTIONS } from './assumptions';
import { blogStateMachineDefinition } from './blog-design';
import { logEventsPerExecution, type StatesDefinition, type SuccessPathOptions, transitionsPerExecution } from './success-path';

/** What a pipeline's monitoring adds to the bill: its alarms (by period) and dashboards. */
export interface MonitoringFacts {
  readonly alarmPeriodsSeconds: readonly number[];
  readonly dashboards: number;
}

/** No alarms, no dashboard. */
export const NO_MONITORING: MonitoringFacts = { alarmPeriodsSeconds: [], dashboards: 0 };

/**
 * What alarms bill, per alarm metric (the pricing's unit, "per alarm metric month"): one for an
 * alarm on a metric, one per statistic it reads for a metric math alarm (a sharded hub's
 * fleet-health alarms: alarmMetricCount), and for an alarm on a Metrics Insights query (clusters
 * "*") one per series it analyzes: the assumed clusters of its account-region.
 */
export function alarmPeriodsOf(alarms: readonly AlarmDefinition[]): number[] {
  return alarms.flatMap((alarm) =>
    Array<number>(alarm.query ? COST_ASSUMPTIONS.clustersPerDiscoveredRegion : alarmMetricCount(alarm)).fill(alarm.periodSeconds),
  );
}

/** The alarms and dashboards a synthesized pipeline created. */
export function monitoringFactsOfPipeline(pipeline: {
  readonly monitoring: { readonly alarmDefinitions: readonly AlarmDefinition[]; readonly dashboard?: unknown; readonly dashboards?: readonly unknown[] };
}): MonitoringFacts {
  return {
    alarmPeriodsSeconds: alarmPeriodsOf(pipeline.monitoring.alarmDefinitions),
    dashboards: pipeline.monitoring.dashboards?.length ?? (pipeline.monitoring.dashboard ? 1 : 0),
  };
}

/**
 * The alarms and dashboards a pipeline of one account-region creates, from its settings alone, as
 * PipelineMonitoring composes them (the same definitions: metric or per-place alarms, health
 * alarms, one dashboard or a split fleet's): pricing a fleet of thousands of account-regions then
 * builds no construct. `__tests__/unit/cost/monitoring-facts.test.ts` holds it to what the construct creates.
 */
export function monitoringFactsOfSettings(s: PipelineSettings): MonitoringFacts {
  const metrics = publishedDefinitions(s.metrics);
  const places = watchedPlaces(s);
  const perPlace = places ? placeAlarms(s.alarms, { ...s, metrics }, places).perPlace : undefined;
  const metricAlarms = perPlace ? perPlace.flat() : metricAlarmDefinitions(s.alarms, { ...s, clusters: s.clusters as readonly string[], metrics });
  // Only the periods and counts are priced: the health alarms' names and ARNs are placeholders here.
  const health = s.pipelineAlarms
    ? pipelineHealthAlarms({ pipelineName: s.name, stateMachineName: s.name, stateMachineArn: 'pipeline', functionName: 'pipeline' })
    : [];
  // Only counts and periods are priced: the names are placeholders.
  const placeholders = { collectorLogGroupName: 'pipeline', dashboardName: 'pipeline' };
  const fleetHealth = pipelineFleetHealthAlarms({ ...s, metrics }, placeholders);
  const dashboards = !s.dashboard
    ? 0
    : places && perPlace
      ? fleetDashboards({
          name: s.name,
          region: 'pipeline',
          namespace: s.namespace,
          intervalSeconds: s.intervalSeconds,
          metrics,
          places,
          stateMachineArn: 'pipeline',
          functionName: 'pipeline',
          collectorTimeoutSeconds: s.collectorTimeoutSeconds,
          healthAlarmArns: health.map((a) => a.name),
          placeAlarmArns: perPlace.map((alarms) => alarms.map((a) => a.name)),
          fleetHealthRow: pipelineFleetHealthRow({ ...s, metrics }, { region: 'pipeline', logGroupName: 'pipeline' }),
        }).length
      : 1;
  return { alarmPeriodsSeconds: alarmPeriodsOf([...metricAlarms, ...health, ...fleetHealth]), dashboards };
}

/** Clusters a pipeline serves: "*" counts as the assumed number (a hub config's hub.assumedClustersPerDiscoveredRegion, else COST_ASSUMPTIONS'). */
export function pricedClusters(clusters: readonly string[] | '*', discovered: number = COST_ASSUMPTIONS.clustersPerDiscoveredRegion): number {
  return clusters === '*' ? discovered : clusters.length;
}

/** What a description may be told instead of COST_ASSUMPTIONS. */
export interface PricingAssumptions {
  /** Clusters of an account-region whose clusters are "*". @default COST_ASSUMPTIONS.clustersPerDiscoveredRegion */
  readonly clustersPerDiscoveredRegion?: number;
}

/** Services with per-service metrics, over the clusters of a selection; "*" counts as the assumed number. */
export function pricedServices(services: Readonly<Record<string, readonly string[] | '*'>>): number {
  return Object.values(services).reduce((sum, list) => sum + (list === '*' ? COST_ASSUMPTIONS.servicesPerWildcardCluster : list.length), 0);
}

/** One invocation of the collector in a tick: how long it runs and how many datums it publishes. */
export interface InvocationShape {
  readonly durationMs: number;
  readonly datums: number;
}

/**
 * Ticks of an execution that cost alike: how many of the execution's ticks are of this shape, the
 * invocations each makes (one, or one per shard of a hub's fan-out), and whether the execution's
 * last tick is one of them (its run ends the execution, which Express bills).
 */
export interface TickShape {
  /** What these ticks are, e.g. "ticks that read services". */
  readonly label: string;
  readonly perExecution: number;
  readonly last: boolean;
  readonly invocations: readonly InvocationShape[];
}

/** Everything the cost of one pipeline depends on, for one month of running. */
export interface PipelineDescription {
  /** Standard bills state transitions; Express bills requests and duration. */
  readonly workflowType: WorkflowType;
  /** Seconds between ticks. */
  readonly intervalSeconds: number;
  /** Parallel branches per execution, one collector invocation each (60 / interval). */
  readonly branches: number;
  /** State transitions of one successful execution, counted from the definition (start and end included). */
  readonly transitionsPerExecution: number;
  /** What starts an execution every minute. */
  readonly trigger: TriggerKind;
  /** Clusters every collector invocation serves. */
  readonly clusters: number;
  /** Custom metrics published per cluster (dimension ClusterName). */
  readonly metricsPerCluster: number;
  /** Services with per-service metrics, over all clusters. */
  readonly services: number;
  /** Custom metrics published per service (dimensions ClusterName, ServiceName). */
  readonly metricsPerService: number;
  /** Fleet-health series, once for the whole pipeline (dimension Pipeline): 4, 6 with services, 0 when off. */
  readonly fleetHealthMetrics: number;
  /** CloudWatch alarms on the pipeline's metrics, by resolution (60 s standard; 10 or 30 s high). */
  readonly alarms: { readonly standard: number; readonly highResolution: number };
  /** CloudWatch dashboards the pipeline creates. */
  readonly dashboards: number;
  /** The collector Lambda, run once per branch of every execution. */
  readonly collector: {
    /** Configured memory: the GB of GB-seconds. */
    readonly memoryMb: number;
    /** Decides the price per GB-second. */
    readonly architecture: Architecture;
    /** Assumed duration of one invocation (COST_ASSUMPTIONS.collector). */
    readonly durationMs: number;
    /** Assumed log bytes ingested per invocation. */
    readonly logBytesPerInvocation: number;
  };
  /**
   * The ticks of an execution when they do not all cost alike (services read at a slower cadence,
   * a hub's fan-out over shards); absent: every branch one invocation of `collector.durationMs`
   * publishing every datum (cost-model.ts, ticksOf). When present they decide the runs and datums
   * billed; `collector.durationMs` is then the run shown (the slowest on a tick that reads services).
   */
  readonly ticks?: readonly TickShape[];
  /** Seconds between the ticks that read services, when slower than the interval and services are collected. */
  readonly serviceIntervalSeconds?: number;
  /** The state machine, started once a minute. */
  readonly stateMachine: {
    /** Execution log level. */
    readonly logLevel: StateMachineLogLevel;
    /** Log bytes ingested per successful execution: only level ALL logs a run that succeeds. */
    readonly logBytesPerExecution: number;
    /** Memory an Express execution is billed for. */
    readonly expressBilledMemoryMb: number;
  };
}

/**
 * Assumed duration of one collector invocation: one round trip per sequential round of API
 * calls, plus CPU time that grows with clusters and services, stretched by the CPU share
 * Lambda gives the configured memory.
 */
export function collectorDurationMs(
  work: { readonly clusters: number; readonly services: number; readonly memoryMb: number },
  assumed = COST_ASSUMPTIONS.collector,
): number {
  const rounds = work.services > 0 ? 3 : 2;
  const cpuMs = assumed.cpuMsPerInvocation + work.clusters * assumed.cpuMsPerCluster + work.services * assumed.cpuMsPerService;
  const stretch = Math.max(1, assumed.fullVcpuMemoryMb / work.memoryMb);
  return rounds * assumed.apiRoundTripMs + cpuMs * stretch;
}

/** What a state machine's definition bills per execution: Standard transitions, and at level ALL its log events; `mapIterations`: a hub tick's shards. */
export function stateMachineFacts(definition: StatesDefinition, logLevel: StateMachineLogLevel, options: SuccessPathOptions = {}) {
  return {
    transitionsPerExecution: transitionsPerExecution(definition, options),
    logBytesPerExecution: logLevel === 'ALL' ? logEventsPerExecution(definition, options) * COST_ASSUMPTIONS.stateMachine.logEventBytes : 0,
  };
}

/**
 * The ticks of a pipeline (or a hub) that reads services every `serviceIntervalSeconds` only (the
 * collector reads them on a tick whose offset in the minute is a multiple of it: functions/collector/event.ts,
 * metricsOfTick): 60 / serviceIntervalSeconds ticks a minute read services and publish every datum,
 * the others neither read nor publish the services' datums nor the service fleet-health series.
 * The execution's last tick (offset 60 − interval) is never a service tick at a slower cadence.
 * Nothing when services are read every tick or not collected: the description's one shape holds.
 */
export function serviceCadence(c: {
  readonly intervalSeconds: number;
  readonly serviceIntervalSeconds?: number;
  /** Services collected (none: the cadence changes nothing). */
  readonly services: number;
  readonly fleetHealthMetrics: number;
  /** One tick that reads services: its invocations (one, or one per shard). */
  readonly serviceTick: InvocationShape | readonly InvocationShape[];
  /** One tick that does not, given the fleet-health series it still publishes (0 or those published 'always'). */
  readonly otherTick: (fleetHealthDatums: number) => InvocationShape | readonly InvocationShape[];
}): Pick<PipelineDescription, 'ticks' | 'serviceIntervalSeconds'> {
  const serviceInterval = c.serviceIntervalSeconds ?? c.intervalSeconds;
  if (c.services === 0 || serviceInterval <= c.intervalSeconds) return {};
  const branches = 60 / c.intervalSeconds;
  const serviceTicks = 60 / serviceInterval;
  const always = c.fleetHealthMetrics > 0 ? fleetHealthMetricsPublished(false).length : 0;
  const list = (shape: InvocationShape | readonly InvocationShape[]) => (Array.isArray(shape) ? shape : [shape as InvocationShape]);
  return {
    serviceIntervalSeconds: serviceInterval,
    ticks: [
      { label: 'ticks that read services', perExecution: serviceTicks, last: false, invocations: list(c.serviceTick) },
      { label: 'ticks that do not read services', perExecution: branches - serviceTicks, last: true, invocations: list(c.otherTick(always)) },
    ],
  };
}

/** The description of a synthesized pipeline, from its resolved settings and what its monitoring created. */
export function describePipelineForCost(
  settings: PipelineSettings,
  monitoring: MonitoringFacts = NO_MONITORING,
  assumed: PricingAssumptions = {},
): PipelineDescription {
  const definition = stateMachineDefinition({ intervalSeconds: settings.intervalSeconds, collectorArn: 'collector' });
  const facts = stateMachineFacts(definition, settings.stateMachineLogLevel);
  // A name the catalog does not know yet is priced as one more metric per cluster.
  const sources = settings.metrics.map((name) => metricDefinition(name)?.source ?? 'cluster');
  const metricsPerService = sources.filter((source) => source === 'service').length;
  const services = metricsPerService === 0 ? 0 : pricedServices(settings.services);
  // Clusters "*" (found at run time) are priced at the assumed count.
  const clusters = pricedClusters(settings.clusters as readonly string[] | '*', assumed.clustersPerDiscoveredRegion);
  const fleetHealthMetrics = publishedFleetHealthSeries({ ...settings, metrics: settings.metrics.flatMap((name) => metricDefinition(name) ?? []) });
  const durationMs = collectorDurationMs({ clusters, services, memoryMb: settings.collectorMemoryMb });
  const cadence = serviceCadence({
    intervalSeconds: settings.intervalSeconds,
    serviceIntervalSeconds: settings.serviceIntervalSeconds,
    services,
    fleetHealthMetrics,
    serviceTick: { durationMs, datums: clusters * (sources.length - metricsPerService) + services * metricsPerService + fleetHealthMetrics },
    otherTick: (datumsWithoutServices) => ({
      durationMs: collectorDurationMs({ clusters, services: 0, memoryMb: settings.collectorMemoryMb }),
      datums: clusters * (sources.length - metricsPerService) + datumsWithoutServices,
    }),
  });
  return {
    workflowType: settings.workflowType,
    intervalSeconds: settings.intervalSeconds,
    branches: 60 / settings.intervalSeconds,
    transitionsPerExecution: facts.transitionsPerExecution,
    trigger: settings.trigger,
    clusters,
    metricsPerCluster: sources.length - metricsPerService,
    services,
    metricsPerService,
    fleetHealthMetrics,
    // CloudWatch bills an alarm under 60 s as high resolution.
    alarms: {
      standard: monitoring.alarmPeriodsSeconds.filter((period) => period >= 60).length,
      highResolution: monitoring.alarmPeriodsSeconds.filter((period) => period < 60).length,
    },
    dashboards: monitoring.dashboards,
    collector: {
      memoryMb: settings.collectorMemoryMb,
      architecture: settings.architecture,
      durationMs,
      logBytesPerInvocation: COST_ASSUMPTIONS.collector.logBytesPerInvocation,
    },
    ...cadence,
    stateMachine: {
      logLevel: settings.stateMachineLogLevel,
      logBytesPerExecution: facts.logBytesPerExecution,
      expressBilledMemoryMb: COST_ASSUMPTIONS.stateMachine.expressBilledMemoryMb,
    },
  };
}

/**
 * One cluster as the blog built it: a Standard state machine and a rule of its own, a
 * Python Lambda per tick that publishes the four metrics in one PutMetricData call, no
 * execution logging. At the blog's 5 s, 12 branches; at another interval, the same shape.
 */
export function blogPipeline(intervalSeconds: number): PipelineDescription {
  const facts = stateMachineFacts(blogStateMachineDefinition(intervalSeconds), 'OFF');
  const blog = COST_ASSUMPTIONS.blog;
  return {
    workflowType: 'STANDARD',
    intervalSeconds,
    branches: 60 / intervalSeconds,
    transitionsPerExecution: facts.transitionsPerExecution,
    trigger: 'EVENTBRIDGE_RULE',
    clusters: 1,
    metricsPerCluster: DEFAULT_METRICS.length,
    services: 0,
    metricsPerService: 0,
    fleetHealthMetrics: 0,
    alarms: { standard: 0, highResolution: 0 },
    dashboards: 0,
    collector: {
      memoryMb: blog.memoryMb,
      architecture: blog.architecture,
      durationMs: blog.collectorDurationMs,
      logBytesPerInvocation: blog.logBytesPerInvocation,
    },
    stateMachine: {
      logLevel: 'OFF',
      logBytesPerExecution: facts.logBytesPerExecution,
      expressBilledMemoryMb: COST_ASSUMPTIONS.stateMachine.expressBilledMemoryMb,
    },
  };
}
