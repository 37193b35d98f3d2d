/**
 * The monitoring settings of a pipeline (dashboard, alarms, their actions, pipeline health,
 * tracing): the props, their defaults, and their validation in the pipeline's context.
 */
import { Token } from 'cdktf';
import { type Problem, problemsAt } from '../common/errors';
import { metricDefinition, type MetricDefinition } from '../metrics/catalog';
import { PIPELINE_DEFAULTS } from '../common/settings';
import type { Environment } from '../common/environment';
import { emailProblem, EMAILS_WITHOUT_TOPIC_PROBLEM, topicArnProblem } from './alarm-rules';
import type { TargetListEntry } from '../contract/hub-target-list';
import {
  type AlarmedPipeline,
  type MetricAlarmProps,
  metricAlarmProblems,
  type ResolvedMetricAlarm,
  metricIntervalSeconds,
  resolveMetricAlarm,
} from './metric-alarms';
import { placeAlarms } from './place-alarms';
import { type FleetHealthAlarmsProps, fleetHealthAlarmsProblems, type ResolvedFleetHealthAlarm, resolveFleetHealthAlarms } from './fleet-health-alarms';
import { hubPlaces, ownPlace, type WatchedPlace } from './watched-places';

/** Where the pipeline's alarms (on metrics and on its own health) send notifications. */
export interface AlarmActionsProps {
  /**
   * ARNs of SNS topics, in the pipeline's region, notified when an alarm fires and when it clears.
   * @default none
   */
  readonly topicArns?: string[];
  /**
   * Create an SNS topic `<name>-alarms` that only this account's alarms may publish to, and notify it.
   * @default false
   */
  readonly createTopic?: boolean;
  /**
   * Email addresses subscribed to the created topic; each must confirm AWS's subscription email.
   * @default none
   */
  readonly emails?: string[];
}

/** Monitoring options of a pipeline; EcsHighResMetricsProps extends them. */
export interface MonitoringProps {
  /**
   * A CloudWatch dashboard `<name>-<region>`: a graph per metric, per-service graphs and pipeline health.
   * @default true
   */
  readonly dashboard?: boolean;
  /**
   * Alarms on the collected metrics; each makes one alarm per cluster (per service for service metrics).
   * @default no alarms
   */
  readonly alarms?: MetricAlarmProps[];
  /**
   * Where every alarm of the pipeline sends notifications.
   * @default none: alarms change state and show on the dashboard, and notify no one
   */
  readonly alarmActions?: AlarmActionsProps;
  /**
   * Alarms when the pipeline stops delivering: executions failing or timing out, collector
   * errors, no execution started for 3 minutes.
   * @default true
   */
  readonly pipelineAlarms?: boolean;
  /**
   * 10-second alarms on the fleet-health series (clusters with no running task, services below
   * desired, clusters and account-regions not read), a handful per pipeline whatever its clusters:
   * `false` turns them off; by series, `false` leaves one out and fields replace its defaults.
   * @default on, each alarm with its defaults (FLEET_HEALTH_ALARM_DEFAULTS)
   */
  readonly fleetHealthAlarms?: boolean | FleetHealthAlarmsProps;
  /**
   * X-Ray active tracing of the collector and the state machine (with the IAM they need to send traces).
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * The fleet-health series of the pipeline (a hub: of the whole hub), published by the collector at
   * every tick with the dimension `Pipeline=<name>`: ClustersWithNoRunningTask, PendingTasks,
   * UnreadClusters, UnreadAccountRegions, and with services ServicesBelowDesired and TaskShortfall.
   * @default true
   */
  readonly fleetHealth?: boolean;
}

/** The monitoring settings in effect, defaults applied. */
export interface MonitoringSettings {
  readonly dashboard: boolean;
  readonly alarms: readonly ResolvedMetricAlarm[];
  readonly alarmActions: Required<AlarmActionsProps>;
  readonly pipelineAlarms: boolean;
  /** The fleet-health alarms in effect (none when turned off). */
  readonly fleetHealthAlarms: readonly ResolvedFleetHealthAlarm[];
  readonly tracing: boolean;
  readonly fleetHealth: boolean;
}

export function monitoringSettings(props: MonitoringProps, intervalSeconds: number, serviceIntervalSeconds = intervalSeconds): MonitoringSettings {
  return {
    dashboard: props.dashboard ?? PIPELINE_DEFAULTS.dashboard,
    // An alarm's default period holds a datum of its metric: a per-service metric's are published on the service ticks.
    alarms: (props.alarms ?? []).map((alarm) => resolveMetricAlarm(alarm, metricIntervalSeconds(alarm.metric, { intervalSeconds, serviceIntervalSeconds }))),
    alarmActions: {
      topicArns: [...(props.alarmActions?.topicArns ?? [])],
      createTopic: props.alarmActions?.createTopic ?? false,
      emails: [...(props.alarmActions?.emails ?? [])],
    },
    pipelineAlarms: props.pipelineAlarms ?? PIPELINE_DEFAULTS.pipelineAlarms,
    fleetHealthAlarms: resolveFleetHealthAlarms(props.fleetHealthAlarms),
    tracing: props.tracing ?? PIPELINE_DEFAULTS.tracing,
    fleetHealth: props.fleetHealth ?? PIPELINE_DEFAULTS.fleetHealth,
  };
}

/** Problems of alarm actions; the topics' region is checked when the alarms' region is known. */
export function alarmActionsProblems(actions: AlarmActionsProps, alarmRegion?: string): Problem[] {
  const problems: Problem[] = [];
  (actions.topicArns ?? []).forEach((arn, index) => {
    const problem = Token.isUnresolved(arn) ? undefined : topicArnProblem(arn, alarmRegion);
    if (problem) problems.push({ path: ['topicArns', index], problem });
  });
  const emails = actions.emails ?? [];
  if (emails.length > 0 && !actions.createTopic) problems.push({ path: ['emails'], problem: EMAILS_WITHOUT_TOPIC_PROBLEM });
  emails.forEach((address, index) => {
    if (Token.isUnresolved(address)) return;
    const first = emails.indexOf(address);
    const problem = emailProblem(address) ?? (first !== index ? `"${address}" is listed twice (also at index ${first}): list each address once` : undefined);
    if (problem) problems.push({ path: ['emails', index], problem });
  });
  return problems;
}

/** The published metrics of a pipeline, from the catalog; names it does not know are another rule's to report. */
export function publishedDefinitions(metrics: readonly string[]): MetricDefinition[] {
  return metrics.flatMap((name) => metricDefinition(name) ?? []);
}

/** The pipeline a monitoring setup watches, as its settings say. */
export interface MonitoredPipelineSettings extends Omit<AlarmedPipeline, 'metrics' | 'clusters'>, MonitoringSettings {
  /** Metric names, resolved through the catalog. */
  readonly metrics: readonly string[];
  /** The pipeline's clusters, or "*": found at run time. */
  readonly clusters: readonly string[] | '*';
}

/**
 * The places a pipeline watches when its series cannot all be listed at synth: the hub's member
 * account-regions, or its own account-region when its clusters are "*"; undefined: a list of clusters.
 */
export function watchedPlaces(
  settings: Pick<MonitoredPipelineSettings, 'clusters' | 'services'>,
  targets?: readonly TargetListEntry[],
): WatchedPlace[] | undefined {
  if (targets) return hubPlaces(targets);
  return settings.clusters === '*' ? [ownPlace('*', settings.services)] : undefined;
}

/** Every monitoring problem of a pipeline's settings (in the hub, with its targets). */
export function monitoringProblems(settings: MonitoredPipelineSettings, env: Environment, targets?: readonly TargetListEntry[]): Problem[] {
  const metrics = publishedDefinitions(settings.metrics);
  const places = watchedPlaces(settings, targets);
  const alarmProblems = places
    ? placeAlarms(settings.alarms, { ...settings, metrics }, places).problems
    : metricAlarmProblems(settings.alarms, { ...settings, clusters: settings.clusters as readonly string[], metrics });
  const region = Token.isUnresolved(env.region) ? undefined : env.region;
  return [
    ...problemsAt(['alarms'], alarmProblems),
    ...problemsAt(['fleetHealthAlarms'], fleetHealthAlarmsProblems(settings.fleetHealthAlarms, settings)),
    ...problemsAt(['alarmActions'], alarmActionsProblems(settings.alarmActions, region)),
  ];
}
