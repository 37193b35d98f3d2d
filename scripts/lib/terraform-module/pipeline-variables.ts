/**
 * The input variables of the pipeline's Terraform module, from the one definition of settings
 * (modules/common/settings.ts) and the rules a pipeline's settings follow (modules/common/rules.ts):
 * each variable's type, description, default and the `validation` blocks Terraform can express.
 * Pure: the module's build declares them, its README tables them, tests read them.
 */
import { DEFAULT_METRICS, METRIC_NAMES, SERVICE_METRIC_NAMES } from '../../../modules/metrics/catalog';
import { ALLOWED_INTERVALS, ECS_NAME, LOG_RETENTION_DAYS, MAX_TAGS, NAMESPACE_UNQUOTABLE, PIPELINE_NAME } from '../../../modules/common/rules';
import { type SettingName, SETTINGS } from '../../../modules/common/settings';
import { hclString, iamPathValidation, re2, type VariableValidation } from './hcl-validations';

/** One input variable of a module. */
export interface ModuleVariable {
  /** The Terraform name (snake_case). */
  readonly name: string;
  /** The setting (prop) it sets, when it is one of SETTINGS. */
  readonly setting?: SettingName;
  readonly type: string;
  readonly description: string;
  /** The default; absent: the variable is required. `null`: optional, the module computes it. */
  readonly default?: unknown;
  readonly validations: readonly VariableValidation[];
}

const hclList = (items: readonly (string | number)[]) => `[${items.map((i) => (typeof i === 'number' ? String(i) : hclString(i))).join(', ')}]`;

/** The setting's description, its trailing period kept: the one text of settings.ts. */
const described = (setting: SettingName, more = '') => `${SETTINGS[setting].description}${more}`;

/** Metrics the module can publish: every cluster metric of the catalog (per-service metrics need `services`, which the module leaves out). */
export const MODULE_METRICS: readonly string[] = METRIC_NAMES.filter((name) => !SERVICE_METRIC_NAMES.includes(name));

/** The pipeline module's variables, in the README's order. */
export const PIPELINE_VARIABLES: readonly ModuleVariable[] = [
  {
    name: 'clusters',
    type: 'list(string)',
    description: 'Names of the ECS clusters to collect, all in the account and region of the aws provider the module runs with.',
    validations: [
      {
        condition: 'length(var.clusters) > 0',
        message: 'clusters is empty: name at least one ECS cluster of this account and region.',
      },
      {
        condition: `alltrue([for c in var.clusters : can(regex(${re2(ECS_NAME)}, c))])`,
        message:
          `clusters: \${join(", ", [for c in var.clusters : jsonencode(c) if !can(regex(${re2(ECS_NAME)}, c))])} ` +
          'is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores.',
      },
      {
        condition: 'length(distinct(var.clusters)) == length(var.clusters)',
        message: 'clusters lists a cluster more than once: list each cluster once.',
      },
    ],
  },
  {
    name: 'name',
    setting: 'name',
    type: 'string',
    description: described('name'),
    default: SETTINGS.name.default,
    validations: [
      {
        condition: `can(regex(${re2(PIPELINE_NAME)}, var.name))`,
        message: 'name: ${jsonencode(var.name)} is not a valid pipeline name: use 1 to 32 letters, digits, hyphens and underscores.',
      },
    ],
  },
  {
    name: 'interval_seconds',
    setting: 'intervalSeconds',
    type: 'number',
    description: described('intervalSeconds'),
    default: SETTINGS.intervalSeconds.default,
    validations: [
      {
        condition: `contains(${hclList(ALLOWED_INTERVALS)}, var.interval_seconds)`,
        message: `interval_seconds: \${var.interval_seconds} is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of ${ALLOWED_INTERVALS.join(', ')}).`,
      },
    ],
  },
  {
    name: 'namespace',
    setting: 'namespace',
    type: 'string',
    description: described('namespace'),
    default: SETTINGS.namespace.default,
    validations: [
      {
        condition: 'length(var.namespace) >= 1 && length(var.namespace) <= 255 && can(regex("^[\\\\x20-\\\\x7e]+$", var.namespace))',
        message: 'namespace: ${jsonencode(var.namespace)} is not a valid CloudWatch namespace: use 1 to 255 printable ASCII characters.',
      },
      {
        condition: '!startswith(lower(var.namespace), "aws/")',
        message:
          'namespace: ${jsonencode(var.namespace)} starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS".',
      },
      {
        condition: `alltrue([for c in ${hclList(NAMESPACE_UNQUOTABLE)} : !strcontains(var.namespace, c)])`,
        message: `namespace: \${jsonencode(var.namespace)} contains one of ${NAMESPACE_UNQUOTABLE.join(' ')}, which the alarm queries cannot quote: remove it.`,
      },
    ],
  },
  {
    name: 'metrics',
    type: 'list(string)',
    description: 'Metrics to publish, by name (see the metric table of the project README); per-service metrics are not available in the module.',
    default: [...DEFAULT_METRICS],
    validations: [
      {
        condition: `length(var.metrics) > 0 && alltrue([for m in var.metrics : contains(${hclList(MODULE_METRICS)}, m)])`,
        message: `metrics: \${jsonencode(var.metrics)} must name at least one metric, each one of ${MODULE_METRICS.join(', ')}.`,
      },
      {
        condition: 'length(distinct(var.metrics)) == length(var.metrics)',
        message: 'metrics lists a metric more than once: list each metric once.',
      },
    ],
  },
  enumVariable('workflow_type', 'workflowType'),
  enumVariable('architecture', 'architecture'),
  enumVariable('state_machine_log_level', 'stateMachineLogLevel', ['OFF']),
  {
    name: 'log_retention_days',
    setting: 'logRetentionDays',
    type: 'number',
    description: described('logRetentionDays'),
    default: SETTINGS.logRetentionDays.default,
    validations: [
      {
        condition: `contains(${hclList(LOG_RETENTION_DAYS)}, var.log_retention_days)`,
        message: `log_retention_days: \${var.log_retention_days} is not a retention CloudWatch Logs accepts: use one of ${LOG_RETENTION_DAYS.join(', ')}.`,
      },
    ],
  },
  {
    name: 'collector_memory_mb',
    setting: 'collectorMemoryMb',
    type: 'number',
    description: described('collectorMemoryMb', ' In MB.'),
    default: SETTINGS.collectorMemoryMb.default,
    validations: [
      {
        condition: 'floor(var.collector_memory_mb) == var.collector_memory_mb && var.collector_memory_mb >= 128 && var.collector_memory_mb <= 10240',
        message: 'collector_memory_mb: ${var.collector_memory_mb} MB is not a Lambda memory size: use a whole number from 128 to 10240.',
      },
    ],
  },
  {
    name: 'collector_timeout_seconds',
    setting: 'collectorTimeoutSeconds',
    type: 'number',
    description: described('collectorTimeoutSeconds', ` In seconds; null: ${SETTINGS.collectorTimeoutSeconds.defaultText}.`),
    default: null,
    validations: [
      {
        condition:
          'var.collector_timeout_seconds == null ? true : floor(var.collector_timeout_seconds) == var.collector_timeout_seconds && var.collector_timeout_seconds >= 1 && var.collector_timeout_seconds <= 900',
        message:
          'collector_timeout_seconds: ${coalesce(var.collector_timeout_seconds, 0)} s is not a Lambda timeout: use a whole number of seconds from 1 to 900.',
      },
    ],
  },
  {
    name: 'role_path',
    setting: 'rolePath',
    type: 'string',
    description: described('rolePath'),
    default: SETTINGS.rolePath.default,
    validations: [iamPathValidation('role_path', { optional: false })],
  },
  {
    name: 'account_id',
    type: 'string',
    description: "Account ID of the pipeline, which its ARNs name; null: read from the provider's credentials (aws_caller_identity) at plan.",
    default: null,
    validations: [
      {
        condition: 'var.account_id == null ? true : can(regex("^[0-9]{12}$", var.account_id))',
        message: 'account_id: ${jsonencode(var.account_id)} is not an AWS account ID: use its 12 digits, or null to read it from the credentials.',
      },
    ],
  },
  {
    name: 'tags',
    type: 'map(string)',
    description: "Tags for every taggable resource, beside the provider's default_tags.",
    default: {},
    validations: [
      {
        condition: `length(var.tags) <= ${MAX_TAGS}`,
        message: `tags: \${length(var.tags)} tags are more than AWS allows on one resource: give at most ${MAX_TAGS}.`,
      },
    ],
  },
];

/** A variable for an enum setting: its allowed values (less `excluded`, which the module cannot build) and default. */
function enumVariable(name: string, setting: 'workflowType' | 'architecture' | 'stateMachineLogLevel', excluded: readonly string[] = []): ModuleVariable {
  const definition = SETTINGS[setting];
  const allowed = (definition.allowed as readonly string[]).filter((value) => !excluded.includes(value));
  return {
    name,
    setting,
    type: 'string',
    description: `${definition.description} One of ${allowed.join(', ')}.`,
    default: definition.default,
    validations: [
      {
        condition: `contains(${hclList(allowed)}, var.${name})`,
        message: `${name}: \${jsonencode(var.${name})} is not allowed: use one of ${allowed.join(', ')}.`,
      },
    ],
  };
}
