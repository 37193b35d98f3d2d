import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { AssetType, TerraformAsset, TerraformOutput, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { DEFAULT_METRICS } from '../metrics/catalog';
import { MonitoringProps, monitoringProblems, MonitoringSettings, monitoringSettings } from '../monitoring/monitoring-settings';
import { PipelineMonitoring } from '../monitoring/pipeline-monitoring';
import { collectorBundle } from './collector-bundle';
import { regionAttribute } from './region-attribute';
import { CollectorInput, SCHEDULED_TIME_PLACEHOLDER } from './collector-input';
import {
  Architecture,
  defaultCollectorTimeout,
  PIPELINE_DEFAULTS,
  StateMachineLogLevel,
  TriggerKind,
  WorkflowType,
} from './defaults';
import {
  collectorPolicy,
  Environment,
  iamArn,
  INLINE_POLICY_LIMIT,
  PolicyDocument,
  policySize,
  SERVICE_PRINCIPALS,
  stateMachinePolicy,
  triggerPolicy,
  trustPolicy,
} from './iam-policies';
import {
  clusterListProblems,
  iamReferenceProblem,
  intervalProblem,
  logRetentionProblem,
  memoryProblem,
  metricListProblems,
  metricSelectionProblems,
  namespaceProblem,
  pipelineNameProblem,
  serviceSelectionProblems,
  rolePathProblem,
  tagProblems,
  timeoutProblem,
} from './rules';
import { stateMachineDefinition } from './state-machine-definition';

/** Existing IAM roles to use instead of the ones a pipeline creates: each an ARN, or a role name (with its path) in the pipeline's account. */
export interface ExistingRoles {
  /** Role of the collector Lambda function. @default created */
  readonly collector?: string;
  /** Role of the state machine. @default created */
  readonly stateMachine?: string;
  /** Role the schedule or rule uses to start the state machine. @default created */
  readonly trigger?: string;
}

export interface EcsHighResMetricsProps extends MonitoringProps {
  /** Names of the ECS clusters to collect, all in this pipeline's account and region. */
  readonly clusters: string[];
  /**
   * Metrics to publish, by name (see the metric table in README).
   * @default the blog's four: RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances
   */
  readonly metrics?: string[];
  /**
   * Per-service metrics: for each cluster named here, its services (a list, or '*' for all of them).
   * Needs a per-service metric in `metrics`; each service adds up to 3 custom metrics.
   * @default no per-service metrics
   */
  readonly services?: Record<string, string[] | '*'>;
  /**
   * Prefix of every resource name (function, state machine, trigger, roles, log groups).
   * @default 'ecs-highres'
   */
  readonly name?: string;
  /**
   * Seconds between two collections; must divide 60 (1 to 30).
   * @default 5
   */
  readonly intervalSeconds?: number;
  /**
   * CloudWatch namespace of the metrics; not `AWS/…`.
   * @default 'ECS'
   */
  readonly namespace?: string;
  /**
   * Express (about 1/20 the price, at-least-once) or Standard (exactly-once, 90-day history).
   * @default 'EXPRESS'
   */
  readonly workflowType?: WorkflowType;
  /**
   * What starts the state machine each minute: EventBridge Scheduler (exact minute, passes its
   * scheduled time) or an EventBridge rule `cron(0/1 * * * ? *)` (as in the blog).
   * @default 'SCHEDULER'
   */
  readonly trigger?: TriggerKind;
  /**
   * Days to keep the collector's and the state machine's logs.
   * @default 14
   */
  readonly logRetentionDays?: number;
  /**
   * Collector memory in MB.
   * @default 128
   */
  readonly collectorMemoryMb?: number;
  /**
   * Collector timeout in seconds.
   * @default two intervals, at least 10 and at most 60
   */
  readonly collectorTimeoutSeconds?: number;
  /**
   * Collector instruction set.
   * @default 'arm64'
   */
  readonly architecture?: Architecture;
  /**
   * What the state machine logs; execution data (cluster names) is never included.
   * @default 'ERROR'
   */
  readonly stateMachineLogLevel?: StateMachineLogLevel;
  /**
   * Account ID of the pipeline. Given, ARNs are built from it; absent, from `aws_caller_identity`.
   * @default read at plan time from the provider's credentials
   */
  readonly account?: string;
  /**
   * Region of the pipeline. Given, ARNs are built from it; absent, from `aws_region`.
   * @default read at plan time from the provider
   */
  readonly region?: string;
  /**
   * The AwsProvider (for example an aliased one) that creates every resource.
   * @default the stack's default aws provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Tags for every taggable resource.
   * @default no tags beyond the provider's default_tags
   */
  readonly tags?: Record<string, string>;
  /**
   * IAM path of the roles the pipeline creates.
   * @default '/'
   */
  readonly rolePath?: string;
  /**
   * Permissions boundary of the roles the pipeline creates: a managed policy's ARN, or its name
   * (with its path) in the pipeline's account.
   * @default no permissions boundary
   */
  readonly permissionsBoundary?: string;
  /**
   * Existing roles to use instead of creating them. Nothing is attached to an existing role: it
   * must trust its service and allow what collectorPolicy, stateMachinePolicy or triggerPolicy allow.
   * @default the pipeline creates all three roles
   */
  readonly existingRoles?: ExistingRoles;
}

/** A pipeline's settings, defaults applied. */
export type PipelineSettings = Required<
  Pick<
    EcsHighResMetricsProps,
    | 'name'
    | 'intervalSeconds'
    | 'namespace'
    | 'workflowType'
    | 'trigger'
    | 'logRetentionDays'
    | 'collectorMemoryMb'
    | 'collectorTimeoutSeconds'
    | 'architecture'
    | 'stateMachineLogLevel'
  >
> & {
  readonly clusters: readonly string[];
  readonly metrics: readonly string[];
  readonly services: Readonly<Record<string, readonly string[] | '*'>>;
} & MonitoringSettings;

/** The settings a pipeline runs with: its props, defaults (PIPELINE_DEFAULTS) where they are silent. */
export function resolvePipelineSettings(props: EcsHighResMetricsProps): PipelineSettings {
  const intervalSeconds = props.intervalSeconds ?? PIPELINE_DEFAULTS.intervalSeconds;
  return {
    clusters: [...props.clusters],
    metrics: [...(props.metrics ?? DEFAULT_METRICS)],
    services: { ...props.services },
    name: props.name ?? PIPELINE_DEFAULTS.name,
    intervalSeconds,
    namespace: props.namespace ?? PIPELINE_DEFAULTS.namespace,
    workflowType: props.workflowType ?? PIPELINE_DEFAULTS.workflowType,
    trigger: props.trigger ?? PIPELINE_DEFAULTS.trigger,
    logRetentionDays: props.logRetentionDays ?? PIPELINE_DEFAULTS.logRetentionDays,
    collectorMemoryMb: props.collectorMemoryMb ?? PIPELINE_DEFAULTS.collectorMemoryMb,
    collectorTimeoutSeconds: props.collectorTimeoutSeconds ?? defaultCollectorTimeout(intervalSeconds),
    architecture: props.architecture ?? PIPELINE_DEFAULTS.architecture,
    stateMachineLogLevel: props.stateMachineLogLevel ?? PIPELINE_DEFAULTS.stateMachineLogLevel,
    ...monitoringSettings(props, intervalSeconds),
  };
}

/**
 * One high-resolution ECS metrics pipeline in one account-region, for any number of its
 * clusters: a trigger every minute starts a state machine that runs the collector every
 * `intervalSeconds`, which publishes each cluster's counts to CloudWatch at 1-second resolution.
 */
export class EcsHighResMetrics extends Construct {
  /** The collector function. */
  public readonly collector: LambdaFunction;
  /** The state machine that runs the collector once per tick. */
  public readonly stateMachine: SfnStateMachine;
  /** The schedule (default) or rule that starts the state machine every minute. */
  public readonly trigger: SchedulerSchedule | CloudwatchEventRule;
  /** Roles the pipeline created: none for a role given in `existingRoles`. */
  public readonly roles: { readonly collector?: IamRole; readonly stateMachine?: IamRole; readonly trigger?: IamRole };
  /** ARN of the role of the collector, of the state machine, of the trigger (created or existing). */
  public readonly roleArns: { readonly collector: string; readonly stateMachine: string; readonly trigger: string };
  /** The alarm topic, alarms and dashboard that watch this pipeline. */
  public readonly monitoring: PipelineMonitoring;
  /** The settings in effect, defaults applied. */
  public readonly settings: PipelineSettings;

  constructor(scope: Construct, id: string, props: EcsHighResMetricsProps) {
    super(scope, id);
    this.settings = resolvePipelineSettings(props);
    const s = this.settings;
    const env = this.environment(props);
    const problems = pipelineProblems(s, env, props);
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);

    const common = { provider: props.provider };
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    // Role names are account-wide, so they carry the region; other names are per region.
    const roleName = (role: string) => `${s.name}-${role}-${env.region}`;
    const functionName = `${s.name}-collector`;
    const stateMachineName = s.name;
    const collectorLogGroupName = `/aws/lambda/${functionName}`;

    const permissionsBoundary = props.permissionsBoundary && iamArn(env, 'policy', props.permissionsBoundary);
    const role = (id: string, purpose: keyof ExistingRoles, service: string, policy: PolicyDocument) => {
      const existing = props.existingRoles?.[purpose];
      if (existing) return { arn: iamArn(env, 'role', existing), role: undefined, policy: undefined };
      const created = new IamRole(this, `${id}-role`, {
        ...common,
        name: roleName(id),
        path: props.rolePath,
        permissionsBoundary,
        assumeRolePolicy: JSON.stringify(trustPolicy(service, env.account)),
        tags,
      });
      const attached = new IamRolePolicy(this, `${id}-policy`, {
        ...common,
        name: 'least-privilege',
        role: created.id,
        policy: JSON.stringify(policy),
      });
      return { arn: created.arn, role: created, policy: attached };
    };

    // Collector
    const collectorLogs = new CloudwatchLogGroup(this, 'collector-logs', {
      ...common,
      name: collectorLogGroupName,
      retentionInDays: s.logRetentionDays,
      tags,
    });
    const collectorRole = role(
      'collector',
      'collector',
      SERVICE_PRINCIPALS.collector,
      collectorPolicy({
        env,
        clusters: s.clusters,
        namespace: s.namespace,
        logGroupName: collectorLogGroupName,
        services: s.services,
        tracing: s.tracing,
      }),
    );
    const bundle = collectorBundle();
    const code = new TerraformAsset(this, 'collector-code', {
      path: bundle.zipPath,
      type: AssetType.FILE,
      assetHash: bundle.sha256Hex,
    });
    this.collector = new LambdaFunction(this, 'collector', {
      ...common,
      functionName,
      description: `Publishes ECS cluster counts to CloudWatch (${s.namespace}) every ${s.intervalSeconds} s`,
      role: collectorRole.arn,
      runtime: 'nodejs22.x',
      architectures: [s.architecture],
      handler: 'index.handler',
      memorySize: s.collectorMemoryMb,
      timeout: s.collectorTimeoutSeconds,
      filename: code.path,
      sourceCodeHash: bundle.sha256Base64,
      tracingConfig: s.tracing ? { mode: 'Active' } : undefined,
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: collectorLogs.name,
        applicationLogLevel: 'INFO',
        systemLogLevel: 'WARN',
      },
      tags,
      // The role must be able to write logs before the first invocation.
      dependsOn: collectorRole.policy && [collectorRole.policy],
    });

    // State machine
    const logging = s.stateMachineLogLevel !== 'OFF';
    const stateMachineRole = role(
      'states',
      'stateMachine',
      SERVICE_PRINCIPALS.stateMachine,
      stateMachinePolicy({ env, functionName, logging, tracing: s.tracing }),
    );
    const stateMachineLogs = logging
      ? new CloudwatchLogGroup(this, 'state-machine-logs', {
          ...common,
          name: `/aws/vendedlogs/states/${stateMachineName}`,
          retentionInDays: s.logRetentionDays,
          tags,
        })
      : undefined;
    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      ...common,
      name: stateMachineName,
      type: s.workflowType,
      roleArn: stateMachineRole.arn,
      // A reference, not a literal ARN: the definition stays unknown until apply, so plan
      // never calls ValidateStateMachineDefinition (and runs offline).
      definition: JSON.stringify(
        stateMachineDefinition({ intervalSeconds: s.intervalSeconds, collectorArn: this.collector.arn }),
      ),
      loggingConfiguration: stateMachineLogs
        ? { logDestination: `${stateMachineLogs.arn}:*`, includeExecutionData: false, level: s.stateMachineLogLevel }
        : { level: 'OFF' },
      tracingConfiguration: s.tracing ? { enabled: true } : undefined,
      tags,
      dependsOn: stateMachineRole.policy && [stateMachineRole.policy],
    });

    // Trigger
    const input: CollectorInput = {
      clusters: s.clusters,
      namespace: s.namespace,
      // The collector's default is the blog's four, so a default pipeline's input stays as small as the blog's.
      ...(isDefaultMetricSet(s.metrics) ? {} : { metrics: s.metrics }),
      ...(Object.keys(s.services).length > 0 ? { services: s.services } : {}),
    };
    const triggerRole = role(
      s.trigger === 'SCHEDULER' ? 'scheduler' : 'events',
      'trigger',
      SERVICE_PRINCIPALS[s.trigger],
      triggerPolicy({ env, stateMachineName }),
    );
    // A start delayed past a minute is useless: the next minute's start is already due.
    const retryPolicy = { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 2 };
    if (s.trigger === 'SCHEDULER') {
      this.trigger = new SchedulerSchedule(this, 'schedule', {
        ...common,
        name: `${s.name}-every-minute`,
        description: `Starts ${stateMachineName} at the start of every minute`,
        // cron, not rate(1 minute): fires on the minute, so ticks line up with wall-clock buckets.
        scheduleExpression: 'cron(* * * * ? *)',
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: this.stateMachine.arn,
          roleArn: triggerRole.arn,
          input: JSON.stringify({ ...input, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
          retryPolicy,
        },
        dependsOn: triggerRole.policy && [triggerRole.policy],
      });
    } else {
      this.trigger = new CloudwatchEventRule(this, 'rule', {
        ...common,
        name: `${s.name}-every-minute`,
        description: `Starts ${stateMachineName} every minute`,
        scheduleExpression: 'cron(0/1 * * * ? *)',
        tags,
      });
      new CloudwatchEventTarget(this, 'rule-target', {
        ...common,
        rule: this.trigger.name,
        targetId: 'state-machine',
        arn: this.stateMachine.arn,
        roleArn: triggerRole.arn,
        input: JSON.stringify(input),
        retryPolicy,
        dependsOn: triggerRole.policy && [triggerRole.policy],
      });
    }
    this.roles = { collector: collectorRole.role, stateMachine: stateMachineRole.role, trigger: triggerRole.role };
    this.roleArns = { collector: collectorRole.arn, stateMachine: stateMachineRole.arn, trigger: triggerRole.arn };

    const output = (suffix: string, value: string, description: string) => {
      const out = new TerraformOutput(this, suffix, { value, description });
      out.overrideLogicalId(`${s.name.replace(/-/g, '_')}_${suffix}`);
    };
    output('state_machine_arn', this.stateMachine.arn, 'ARN of the state machine that runs the collector');
    output('collector_function_name', this.collector.functionName, 'Name of the collector Lambda function');
    output('trigger_name', this.trigger.name, 'Name of the schedule or rule that starts the state machine');

    this.monitoring = new PipelineMonitoring(this, 'monitoring', {
      settings: s,
      env,
      functionName,
      stateMachineName,
      provider: props.provider,
      tags,
    });
  }

  /** Partition, region and account: literals when known, otherwise read by data sources at plan. */
  private environment(props: EcsHighResMetricsProps): Environment {
    const common = { provider: props.provider };
    const region = props.region ?? regionAttribute(new DataAwsRegion(this, 'region', common));
    const account = props.account ?? new DataAwsCallerIdentity(this, 'account', common).accountId;
    const partition = props.region ? partitionOf(props.region) : new DataAwsPartition(this, 'partition', common).partition;
    return { partition, region, account };
  }
}

/** True when the metrics are the blog's four in the blog's order, which the collector assumes without any. */
function isDefaultMetricSet(metrics: readonly string[]): boolean {
  return metrics.length === DEFAULT_METRICS.length && metrics.every((name, i) => name === DEFAULT_METRICS[i]);
}

/** The partition of a region name: China and GovCloud have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/**
 * Every problem of a pipeline's settings, each as `field: what is wrong and the fix`; values
 * known only at apply (tokens) are skipped. The construct throws them; the fleet config reports
 * them under the account-region's JSON path before anything is built.
 */
export function pipelineProblems(s: PipelineSettings, env: Environment, props: EcsHighResMetricsProps): string[] {
  const problems: string[] = [];
  const check = (field: string, value: unknown, problem: string | undefined) => {
    if (problem && !Token.isUnresolved(value)) problems.push(`${field}: ${problem}`);
  };
  check('name', s.name, pipelineNameProblem(s.name));
  check('intervalSeconds', s.intervalSeconds, intervalProblem(s.intervalSeconds));
  check('namespace', s.namespace, namespaceProblem(s.namespace));
  check('logRetentionDays', s.logRetentionDays, logRetentionProblem(s.logRetentionDays));
  check('collectorMemoryMb', s.collectorMemoryMb, memoryProblem(s.collectorMemoryMb));
  check('collectorTimeoutSeconds', s.collectorTimeoutSeconds, timeoutProblem(s.collectorTimeoutSeconds));
  for (const { index, problem } of clusterListProblems(s.clusters)) {
    if (index >= 0 && Token.isUnresolved(s.clusters[index])) continue;
    problems.push(index < 0 ? `clusters: ${problem}` : `clusters[${index}]: ${problem}`);
  }
  for (const { index, problem } of metricListProblems(s.metrics)) {
    if (index >= 0 && Token.isUnresolved(s.metrics[index])) continue;
    problems.push(index < 0 ? `metrics: ${problem}` : `metrics[${index}]: ${problem}`);
  }
  for (const { cluster, index, problem } of serviceSelectionProblems(s.services)) {
    const selected = s.services[cluster];
    if (index !== undefined && Array.isArray(selected) && Token.isUnresolved(selected[index])) continue;
    problems.push(`services.${cluster}${index === undefined ? '' : `[${index}]`}: ${problem}`);
  }
  for (const { field, problem } of metricSelectionProblems(s)) problems.push(`${field}: ${problem}`);
  problems.push(...monitoringProblems(s, env));
  if (props.rolePath !== undefined) check('rolePath', props.rolePath, rolePathProblem(props.rolePath));
  if (props.permissionsBoundary !== undefined) {
    check('permissionsBoundary', props.permissionsBoundary, iamReferenceProblem('policy', props.permissionsBoundary));
  }
  for (const [purpose, reference] of Object.entries(props.existingRoles ?? {})) {
    if (reference !== undefined) check(`existingRoles.${purpose}`, reference, iamReferenceProblem('role', reference));
  }
  const literalTags = Object.entries(props.tags ?? {}).filter(([k, v]) => !Token.isUnresolved(k) && !Token.isUnresolved(v));
  for (const { key, problem } of tagProblems(Object.fromEntries(literalTags))) {
    problems.push(`${key === undefined ? 'tags' : `tags.${key}`}: ${problem}`);
  }
  if (problems.length === 0) {
    // Unknown parts of the ARNs are counted at their longest, so a token never hides an oversize policy.
    const longest: Environment = {
      partition: Token.isUnresolved(env.partition) ? 'aws-us-gov' : env.partition,
      region: Token.isUnresolved(env.region) ? 'ap-southeast-5' : env.region,
      account: Token.isUnresolved(env.account) ? '123456789012' : env.account,
    };
    const size = policySize(
      collectorPolicy({
        env: longest,
        clusters: s.clusters,
        namespace: s.namespace,
        logGroupName: `/aws/lambda/${s.name}-collector`,
        services: s.services,
        tracing: s.tracing,
      }),
    );
    if (size > INLINE_POLICY_LIMIT) {
      const services = Object.values(s.services).flatMap((selected) => (selected === '*' ? [] : selected)).length;
      const naming = services > 0 ? `${s.clusters.length} clusters and ${services} services` : `${s.clusters.length} clusters`;
      problems.push(
        `clusters: the collector's policy naming ${naming} is ${size} characters, over IAM's ${INLINE_POLICY_LIMIT}-character limit for a role's inline policies; split the clusters across pipelines with different names${services > 0 ? ', or collect whole clusters with "*"' : ''}`,
      );
    }
  }
  return problems;
}
