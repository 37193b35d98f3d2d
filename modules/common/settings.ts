/**
 * One definition per pipeline setting: its default, its allowed values (for enums) and the text
 * that documents the default. The resolved defaults (PIPELINE_DEFAULTS), the enum types, the fleet
 * config's zod schema (and so its JSON Schema) and, checked by a test, the props' `@default` TSDoc
 * all follow from here; so do the defaults of an alarm on a collected metric (ALARM_SETTINGS),
 * their schema text, their `@default` TSDoc and the README's alarm table. A new setting starts
 * with an entry below.
 */
import { DEFAULT_NAMESPACE, type FleetHealthValues } from '../metrics/catalog';

/** A setting's definition. */
export interface SettingDefinition<T> {
  /** What the setting does, as the fleet config's JSON Schema says it (before the default). */
  readonly description: string;
  /** The value used when the setting is absent; undefined when it is computed (see defaultText). */
  readonly default: T | undefined;
  /** The allowed values, when the setting is an enum. */
  readonly allowed?: readonly T[];
  /** How the default reads in docs, when the value alone does not say it (a computed default). */
  readonly defaultText?: string;
}

const setting = <const D extends SettingDefinition<unknown>>(definition: D) => definition;
const choice = <const T extends string>(allowed: readonly [T, ...T[]], defaultValue: T, description: string) => ({
  description,
  default: defaultValue,
  allowed,
});

/** Every pipeline setting with a default, by its prop (and fleet config) name. */
export const SETTINGS = {
  name: setting({ description: 'Prefix of every resource name.', default: 'ecs-highres' }),
  intervalSeconds: setting({ description: 'Seconds between collections; divides 60, 1 to 30.', default: 5 }),
  serviceIntervalSeconds: setting({
    description:
      "Seconds between the ticks that read services (DescribeServices, 10 services a call): a multiple of intervalSeconds that divides 60. Longer keeps many services within ECS's read throttle of the account-region; the service datums, ServicesBelowDesired and TaskShortfall are then published at this cadence and their alarms fire up to this much later.",
    default: undefined,
    defaultText: 'intervalSeconds: every tick',
  }),
  namespace: setting({ description: 'CloudWatch namespace of the metrics, not AWS/….', default: DEFAULT_NAMESPACE }),
  workflowType: choice(['EXPRESS', 'STANDARD'], 'EXPRESS', 'Step Functions workflow type.'),
  trigger: choice(['SCHEDULER', 'EVENTBRIDGE_RULE'], 'SCHEDULER', 'What starts the state machine every minute.'),
  logRetentionDays: setting({ description: 'Days to keep the pipeline logs.', default: 14 }),
  collectorMemoryMb: setting({ description: 'Collector memory.', default: 128 }),
  collectorTimeoutSeconds: setting({
    description: 'Collector timeout.',
    default: undefined,
    defaultText: 'two intervals, 10 to 60 s',
  }),
  architecture: choice(['arm64', 'x86_64'], 'arm64', 'Collector architecture.'),
  stateMachineLogLevel: choice(['ALL', 'ERROR', 'FATAL', 'OFF'], 'ERROR', 'State machine log level.'),
  // IAM's own default: the pipeline passes no path unless given one.
  rolePath: setting({ description: 'IAM path of the roles the pipeline creates.', default: '/' }),
  dashboard: setting({ description: 'Create the CloudWatch dashboard <name>-<region>.', default: true }),
  pipelineAlarms: setting({ description: 'Alarms when the pipeline stops delivering.', default: true }),
  fleetHealthAlarms: setting({
    description:
      '10-second alarms on the fleet-health series, a handful per pipeline whatever its clusters: `false` turns them off; an alarm given `false` is left out, one given fields uses them.',
    default: undefined,
    defaultText: 'on, each alarm with its defaults (FLEET_HEALTH_ALARM_DEFAULTS)',
  }),
  tracing: setting({ description: 'X-Ray tracing of the collector and the state machine.', default: false }),
  fleetHealth: setting({ description: 'Publish the fleet-health series of the pipeline (dimension Pipeline) at every tick.', default: true }),
} as const;

export type SettingName = keyof typeof SETTINGS;

/** How the state machine runs: Express (cheap, at-least-once) or Standard (exactly-once, history kept). */
export type WorkflowType = (typeof SETTINGS.workflowType.allowed)[number];

/** What starts the state machine every minute. */
export type TriggerKind = (typeof SETTINGS.trigger.allowed)[number];

/** Lambda instruction set. */
export type Architecture = (typeof SETTINGS.architecture.allowed)[number];

/** Step Functions execution log level. */
export type StateMachineLogLevel = (typeof SETTINGS.stateMachineLogLevel.allowed)[number];

/** Every setting of an alarm on a collected metric (MetricAlarmProps, the fleet config's `alarms`) that has a default. */
export const ALARM_SETTINGS = {
  periodSeconds: setting({
    description: '10 or 30 (high resolution) or a multiple of 60, not shorter than the interval.',
    default: undefined,
    defaultText: '10 (30 for intervals over 10 s)',
  }),
  evaluationPeriods: setting({ description: 'Periods evaluated each time.', default: 3 }),
  datapointsToAlarm: setting({
    description: 'Breaching periods among them that fire the alarm.',
    default: undefined,
    defaultText: 'evaluationPeriods',
  }),
  // Statistics that give the same answer when a datum is published twice.
  statistic: choice(['Maximum', 'Minimum', 'Average'], 'Maximum', 'Maximum, Minimum or Average; Sum and SampleCount are refused (at-least-once delivery).'),
  treatMissingData: choice(['missing', 'ignore', 'breaching', 'notBreaching'], 'missing', 'What a period without data counts as.'),
  clusters: setting({ description: 'Clusters to watch.', default: undefined, defaultText: 'every cluster that publishes the metric' }),
} as const;

export type AlarmSettingName = keyof typeof ALARM_SETTINGS;

/** The settings of one fleet-health alarm. */
export interface FleetHealthAlarmDefaults {
  /** The alarm fires when the series' Maximum over a period is at least this. */
  readonly threshold: number;
  /** Periods (of 10 s) evaluated each time. */
  readonly evaluationPeriods: number;
  /** Breaching periods among them that fire the alarm. */
  readonly datapointsToAlarm: number;
}

/**
 * The fleet-health series that have an alarm, each with its defaults (the series are defined in
 * modules/metrics/fleet-health.ts). What a team is woken for, first: a cluster with services and
 * no task, a service short of tasks, each at 1 breaching period of 10 s (the README's detection
 * time). What could not be read: 2 of 3 periods, so that one throttled tick does not page anyone.
 * PendingTasks and TaskShortfall are graphed, not alarmed: pending tasks come with every deploy
 * and scale-out, and a shortfall is already a service below desired.
 */
export const FLEET_HEALTH_ALARM_DEFAULTS = {
  ClustersWithNoRunningTask: { threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1 },
  ServicesBelowDesired: { threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1 },
  UnreadClusters: { threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
  UnreadAccountRegions: { threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
} as const satisfies Partial<Record<keyof FleetHealthValues, FleetHealthAlarmDefaults>>;

/** A fleet-health series with an alarm. */
export type FleetHealthAlarmedSeries = keyof typeof FLEET_HEALTH_ALARM_DEFAULTS;

/** The default as the docs write it: the defaultText, else enum values bare and other strings quoted. */
function defaultWords(definition: SettingDefinition<unknown>, quote: string): string {
  if (definition.defaultText !== undefined) return definition.defaultText;
  const value = definition.default;
  return typeof value === 'string' && !definition.allowed ? `${quote}${value}${quote}` : String(value);
}

/** The fleet config's description of a setting (its JSON Schema text): what it does, then its default. */
export function settingDescription(name: SettingName): string {
  return describedWithDefault(SETTINGS[name]);
}

/** The fleet config's description of an alarm setting (its JSON Schema text): what it does, then its default. */
export function alarmSettingDescription(name: AlarmSettingName): string {
  return describedWithDefault(ALARM_SETTINGS[name]);
}

function describedWithDefault(definition: SettingDefinition<unknown>): string {
  return `${definition.description} Default ${defaultWords(definition, '"')}.`;
}

/** What the prop's `@default` TSDoc tag says: enum values and strings quoted as TypeScript writes them. */
export function settingTsDocDefault(name: SettingName): string {
  return tsDocDefault(SETTINGS[name]);
}

/** What the alarm prop's `@default` TSDoc tag says (MetricAlarmProps). */
export function alarmSettingTsDocDefault(name: AlarmSettingName): string {
  return tsDocDefault(ALARM_SETTINGS[name]);
}

function tsDocDefault(definition: SettingDefinition<unknown>): string {
  if (definition.defaultText !== undefined) return definition.defaultText;
  const value = definition.default;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** How the README's alarm table gives the default (code marks aside): as the schema text says it, unquoted. */
export function alarmSettingReadmeDefault(name: AlarmSettingName): string {
  return defaultWords(ALARM_SETTINGS[name], '');
}

/** Statistic over each period of an alarm on a collected metric. */
export type AlarmStatistic = (typeof ALARM_SETTINGS.statistic.allowed)[number];

/** What a period without data counts as (CloudWatch's names). */
export type TreatMissingData = (typeof ALARM_SETTINGS.treatMissingData.allowed)[number];

/** Every default of a pipeline, in one place: the values of SETTINGS, and the defaults of each alarm (ALARM_SETTINGS). */
export const PIPELINE_DEFAULTS = {
  name: SETTINGS.name.default,
  intervalSeconds: SETTINGS.intervalSeconds.default,
  namespace: SETTINGS.namespace.default,
  workflowType: SETTINGS.workflowType.default as WorkflowType,
  trigger: SETTINGS.trigger.default as TriggerKind,
  logRetentionDays: SETTINGS.logRetentionDays.default,
  collectorMemoryMb: SETTINGS.collectorMemoryMb.default,
  architecture: SETTINGS.architecture.default as Architecture,
  stateMachineLogLevel: SETTINGS.stateMachineLogLevel.default as StateMachineLogLevel,
  dashboard: SETTINGS.dashboard.default,
  pipelineAlarms: SETTINGS.pipelineAlarms.default,
  tracing: SETTINGS.tracing.default,
  fleetHealth: SETTINGS.fleetHealth.default,
  alarmEvaluationPeriods: ALARM_SETTINGS.evaluationPeriods.default,
  alarmStatistic: ALARM_SETTINGS.statistic.default as AlarmStatistic,
  alarmTreatMissingData: ALARM_SETTINGS.treatMissingData.default as TreatMissingData,
} as const;

/**
 * The collector's default timeout: two intervals, at least 10 s (room for a cold start and
 * the SDK's retries), at most 60 s. A stuck call then holds at most a few ticks of concurrency.
 */
export function defaultCollectorTimeout(intervalSeconds: number): number {
  return Math.min(60, Math.max(10, 2 * intervalSeconds));
}
