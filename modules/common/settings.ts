/**
 * One definition per pipeline setting: its default, its allowed values (for enums) and the text
 * that documents the default. The resolved defaults (PIPELINE_DEFAULTS), the enum types, the fleet
 * config's zod schema (and so its JSON Schema) and, checked by a test, the props' `@default` TSDoc
 * all follow from here. A new setting starts with an entry below.
 */
import { DEFAULT_NAMESPACE } from '../metrics/catalog';

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
  tracing: setting({ description: 'X-Ray tracing of the collector and the state machine.', default: false }),
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

/** The default as the docs write it: the defaultText, else enum values bare and other strings quoted. */
function defaultWords(definition: SettingDefinition<unknown>, quote: string): string {
  if (definition.defaultText !== undefined) return definition.defaultText;
  const value = definition.default;
  return typeof value === 'string' && !definition.allowed ? `${quote}${value}${quote}` : String(value);
}

/** The fleet config's description of a setting (its JSON Schema text): what it does, then its default. */
export function settingDescription(name: SettingName): string {
  const definition: SettingDefinition<unknown> = SETTINGS[name];
  return `${definition.description} Default ${defaultWords(definition, '"')}.`;
}

/** What the prop's `@default` TSDoc tag says: enum values and strings quoted as TypeScript writes them. */
export function settingTsDocDefault(name: SettingName): string {
  const definition: SettingDefinition<unknown> = SETTINGS[name];
  if (definition.defaultText !== undefined) return definition.defaultText;
  const value = definition.default;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Every default of a pipeline, in one place: the values of SETTINGS, and the defaults of each alarm. */
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
  alarmEvaluationPeriods: 3,
  alarmStatistic: 'Maximum',
  alarmTreatMissingData: 'missing',
} as const;

/**
 * The collector's default timeout: two intervals, at least 10 s (room for a cold start and
 * the SDK's retries), at most 60 s. A stuck call then holds at most a few ticks of concurrency.
 */
export function defaultCollectorTimeout(intervalSeconds: number): number {
  return Math.min(60, Math.max(10, 2 * intervalSeconds));
}
