/**
 * The build steps of a pipeline (environment, roles, collector, state machine, trigger, outputs,
 * monitoring, name claims), as functions on the construct that owns them, so both topologies (one
 * account-region, the hub) build the same resources under the same ids. What differs between
 * them is a `Collection`: the collector's policies, its handler, the trigger's input and what
 * monitoring watches.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { AssetType, type ITerraformDependable, TerraformAsset, TerraformOutput, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { type Environment, iamArn, partitionOf } from '../common/environment';
import { ValidationError } from '../common/errors';
import type { NameClaim } from '../common/name-collisions';
import type { NameKind } from '../common/name-rules';
import { outputId, type PipelineNames, pipelineNames } from '../common/names';
import type { PolicyDocument } from '../common/policy-document';
import type { TriggerKind } from '../common/settings';
import type { TargetListEntry } from '../contract/hub-target-list';
import { fleetDashboardName } from '../monitoring/fleet-dashboards';
import { PipelineMonitoring } from '../monitoring/pipeline-monitoring';
import { claimNames, type Placement } from './app-claims';
import { collectorBundle } from './collector-bundle';
import { collectorDescription } from './collector-description';
import { SERVICE_PRINCIPALS, stateMachineRolePolicy, triggerRolePolicy, trustPolicy } from './iam-policies';
import { outputIdPrefixOf } from './output-id-prefix';
import type { PipelineResources } from './pipeline-resources';
import type { PipelineSettings } from './pipeline-settings';
import type { PipelineBuildProps } from './props';
import { regionAttribute } from './region-attribute';
import { roleWithPolicies } from './role-with-policies';
import { stateMachineDefinitionText } from './state-machine-text';

/** What one topology collects, and how: everything else of a pipeline is the same in both. */
export interface Collection {
  /** The collector role's inline policy (`least-privilege`). */
  readonly collectorPolicy: PolicyDocument;
  /** Managed policies attached to the collector role beside it, when the inline budget is not enough. */
  readonly collectorManagedPolicies?: readonly PolicyDocument[];
  /** The collector's Lambda handler (COLLECTOR_HANDLERS). */
  readonly handler: string;
  /** The trigger's input text for each kind of trigger. */
  readonly triggerInput: (trigger: TriggerKind) => string;
  /** Hub mode: the account-regions monitoring watches (PipelineMonitoring's `targets`). */
  readonly monitoringTargets?: readonly TargetListEntry[];
  /** Hub mode: collector invocations per tick (a Map state over the shards when more than one). @default 1 */
  readonly shards?: number;
}

/** A role of the pipeline: the created one (with its policies), or an existing one by ARN. */
export interface PipelineRole {
  readonly arn: string;
  readonly role?: IamRole;
  readonly policy?: IamRolePolicy;
  /** Attachments of managed policies, which the role's users must wait for like its inline policy. */
  readonly attachments?: readonly IamRolePolicyAttachment[];
}

/** What every build step needs: settings, where, names, and the attributes every resource shares. */
export interface BuildContext {
  readonly s: PipelineSettings;
  readonly env: Environment;
  readonly names: PipelineNames;
  readonly props: PipelineBuildProps;
  readonly common: { readonly provider?: TerraformProvider };
  readonly tags?: Record<string, string>;
}

/** Partition, region and account: literals when known, otherwise read by data sources at plan. */
export function pipelineEnvironment(scope: Construct, props: PipelineBuildProps): Environment {
  const common = { provider: props.provider };
  const region = props.region ?? regionAttribute(new DataAwsRegion(scope, 'region', common));
  const account = props.account ?? new DataAwsCallerIdentity(scope, 'account', common).accountId;
  const partition = props.region ? partitionOf(props.region) : new DataAwsPartition(scope, 'partition', common).partition;
  return { partition, region, account };
}

/** The context of the build steps of the pipeline at `scope`. */
export function buildContext(scope: Construct, s: PipelineSettings, env: Environment, props: PipelineBuildProps): BuildContext {
  return {
    s,
    env,
    // Output ids from the construct's path in its stack, which no other pipeline of the stack shares.
    names: pipelineNames(s.name, env.region, outputIdPrefixOf(scope)),
    props,
    common: { provider: props.provider },
    tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
  };
}

/** Every part of a pipeline, in the order (and under the ids) both topologies create them. */
export function buildPipeline(scope: Construct, ctx: BuildContext, collection: Collection): PipelineResources {
  const collector = buildCollector(scope, ctx, collection);
  const stateMachine = buildStateMachine(scope, ctx, collector.fn, collection.shards);
  const trigger = buildTrigger(scope, ctx, stateMachine.machine, collection);
  buildOutputs(scope, ctx, { stateMachine: stateMachine.machine, collector: collector.fn, trigger: trigger.trigger });
  const monitoring = new PipelineMonitoring(scope, 'monitoring', {
    settings: ctx.s,
    env: ctx.env,
    names: ctx.names,
    provider: ctx.props.provider,
    tags: ctx.tags,
    ...(collection.monitoringTargets ? { targets: collection.monitoringTargets } : {}),
    ...(collection.shards !== undefined && collection.shards > 1 ? { shards: collection.shards } : {}),
  });
  return {
    collector: collector.fn,
    stateMachine: stateMachine.machine,
    trigger: trigger.trigger,
    roles: { collector: collector.role.role, stateMachine: stateMachine.role.role, trigger: trigger.role.role },
    roleArns: { collector: collector.role.arn, stateMachine: stateMachine.role.arn, trigger: trigger.role.arn },
    monitoring,
  };
}

/** Refuses a name another pipeline of the app already creates in the same account(-region) or stack, naming both. */
export function checkNameCollisions(
  scope: Construct,
  ctx: BuildContext,
  built: PipelineResources,
  placement: Placement,
  extra: readonly NameClaim[] = [],
): void {
  const collisions = claimNames(scope, [...nameClaims(scope, ctx, built, placement), ...extra], placement);
  if (collisions.length > 0) throw new ValidationError(scope.node.path, collisions);
}

/** Every name this pipeline created, and where AWS or Terraform needs it unique. */
function nameClaims(scope: Construct, ctx: BuildContext, built: PipelineResources, placement: Placement): NameClaim[] {
  const s = ctx.s;
  // A region known only at plan is named by its provider, so two pipelines of one provider still compare.
  const names = pipelineNames(s.name, placement.regionLabel, ctx.names.outputPrefix);
  const inRegion = (kind: NameKind, name: string): NameClaim => ({ kind, name, scope: 'account-region' });
  const roles = Object.values(built.roles).filter((role): role is IamRole => role !== undefined);
  const createdRoleIds = (['collector', 'states', 'scheduler', 'events'] as const).filter((id) => roles.some((role) => role.node.id === `${id}-role`));
  const monitoring = built.monitoring;
  return [
    ...createdRoleIds.map((id): NameClaim => ({ kind: 'IAM role name', name: names.roleName(id), scope: 'account' })),
    ...monitoring.dashboards.map(
      (_, k): NameClaim => ({ kind: 'CloudWatch dashboard name', name: fleetDashboardName(names.dashboardName, k), scope: 'account' }),
    ),
    inRegion('Lambda function name', names.functionName),
    inRegion('state machine name', names.stateMachineName),
    inRegion('log group name', names.collectorLogGroupName),
    ...(s.stateMachineLogLevel !== 'OFF' ? [inRegion('log group name', names.stateMachineLogGroupName)] : []),
    inRegion(s.trigger === 'SCHEDULER' ? 'EventBridge Scheduler schedule name' : 'EventBridge rule name', names.triggerName),
    ...(monitoring.alarmTopic ? [inRegion('SNS topic name', names.alarmTopicName)] : []),
    ...monitoring.alarmDefinitions.map((alarm) => inRegion('CloudWatch alarm name', alarm.name)),
    ...scope.node
      .findAll()
      .filter((c): c is TerraformOutput => c instanceof TerraformOutput)
      .map((out): NameClaim => ({ kind: 'Terraform output id', name: out.friendlyUniqueId, scope: 'stack' })),
  ];
}

/** The existing role named in `existingRoles`, or a created one with its least-privilege policies. */
function pipelineRole(
  scope: Construct,
  ctx: BuildContext,
  id: string,
  purpose: 'collector' | 'stateMachine' | 'trigger',
  service: string,
  policy: PolicyDocument,
  managed: readonly PolicyDocument[] = [],
): PipelineRole {
  const { props, env } = ctx;
  const existing = props.existingRoles?.[purpose];
  if (existing) return { arn: iamArn(env, 'role', existing) };
  const created = roleWithPolicies(scope, id, {
    provider: props.provider,
    name: ctx.names.roleName(id),
    path: props.rolePath,
    permissionsBoundary: props.permissionsBoundary && iamArn(env, 'policy', props.permissionsBoundary),
    trust: trustPolicy(service, env.account),
    inline: policy,
    managed,
    tags: ctx.tags,
  });
  const { role, inlinePolicy, attachments } = created;
  return { arn: role.arn, role, policy: inlinePolicy, ...(attachments.length > 0 ? { attachments } : {}) };
}

/** What a role's users wait for: its inline policy and its policy attachments. */
function grantsOf(role: PipelineRole): ITerraformDependable[] | undefined {
  if (!role.policy) return undefined;
  return [role.policy, ...(role.attachments ?? [])];
}

/** The collector: its log group, role, code asset and function. */
function buildCollector(scope: Construct, ctx: BuildContext, collection: Collection): { fn: LambdaFunction; role: PipelineRole } {
  const { s, names, common, tags } = ctx;
  const logs = new CloudwatchLogGroup(scope, 'collector-logs', {
    ...common,
    name: names.collectorLogGroupName,
    retentionInDays: s.logRetentionDays,
    tags,
  });
  const role = pipelineRole(
    scope,
    ctx,
    'collector',
    'collector',
    SERVICE_PRINCIPALS.collector,
    collection.collectorPolicy,
    collection.collectorManagedPolicies,
  );
  const bundle = collectorBundle();
  const code = new TerraformAsset(scope, 'collector-code', {
    path: bundle.zipPath,
    type: AssetType.FILE,
    assetHash: bundle.sha256Hex,
  });
  const fn = new LambdaFunction(scope, 'collector', {
    ...common,
    functionName: names.functionName,
    description: collectorDescription(s.namespace, s.intervalSeconds),
    role: role.arn,
    runtime: 'nodejs22.x',
    architectures: [s.architecture],
    handler: collection.handler,
    memorySize: s.collectorMemoryMb,
    timeout: s.collectorTimeoutSeconds,
    filename: code.path,
    sourceCodeHash: bundle.sha256Base64,
    tracingConfig: s.tracing ? { mode: 'Active' } : undefined,
    loggingConfig: {
      logFormat: 'JSON',
      logGroup: logs.name,
      applicationLogLevel: 'INFO',
      systemLogLevel: 'WARN',
    },
    tags,
    // The role must be able to write logs before the first invocation.
    dependsOn: grantsOf(role),
  });
  return { fn, role };
}

/** The state machine: its role, log group (unless logging is OFF) and the machine itself. */
function buildStateMachine(scope: Construct, ctx: BuildContext, collector: LambdaFunction, shards?: number): { machine: SfnStateMachine; role: PipelineRole } {
  const { s, env, names, common, tags } = ctx;
  const logging = s.stateMachineLogLevel !== 'OFF';
  const role = pipelineRole(
    scope,
    ctx,
    'states',
    'stateMachine',
    SERVICE_PRINCIPALS.stateMachine,
    stateMachineRolePolicy({ env, functionName: names.functionName, logging, tracing: s.tracing }),
  );
  const logs = logging
    ? new CloudwatchLogGroup(scope, 'state-machine-logs', {
        ...common,
        name: names.stateMachineLogGroupName,
        retentionInDays: s.logRetentionDays,
        tags,
      })
    : undefined;
  const machine = new SfnStateMachine(scope, 'state-machine', {
    ...common,
    name: names.stateMachineName,
    type: s.workflowType,
    roleArn: role.arn,
    // A reference, not a literal ARN: the definition stays unknown until apply, so plan
    // never calls ValidateStateMachineDefinition (and runs offline).
    definition: stateMachineDefinitionText(scope, {
      intervalSeconds: s.intervalSeconds,
      collectorArn: collector.arn,
      partition: env.partition,
      ...(shards !== undefined && shards > 1 ? { shards } : {}),
    }),
    loggingConfiguration: logs ? { logDestination: `${logs.arn}:*`, includeExecutionData: false, level: s.stateMachineLogLevel } : { level: 'OFF' },
    tracingConfiguration: s.tracing ? { enabled: true } : undefined,
    tags,
    dependsOn: grantsOf(role),
  });
  return { machine, role };
}

/** What starts the state machine every minute: a schedule (default) or a rule and its target. */
function buildTrigger(
  scope: Construct,
  ctx: BuildContext,
  stateMachine: SfnStateMachine,
  collection: Collection,
): { trigger: SchedulerSchedule | CloudwatchEventRule; role: PipelineRole } {
  const { s, env, names, common, tags } = ctx;
  const role = pipelineRole(
    scope,
    ctx,
    s.trigger === 'SCHEDULER' ? 'scheduler' : 'events',
    'trigger',
    SERVICE_PRINCIPALS[s.trigger],
    triggerRolePolicy({ env, stateMachineName: names.stateMachineName }),
  );
  // A start delayed past a minute is useless: the next minute's start is already due.
  const retryPolicy = { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 2 };
  if (s.trigger === 'SCHEDULER') {
    const trigger = new SchedulerSchedule(scope, 'schedule', {
      ...common,
      name: names.triggerName,
      description: `Starts ${names.stateMachineName} at the start of every minute`,
      // cron, not rate(1 minute): fires on the minute, so ticks line up with wall-clock buckets.
      scheduleExpression: 'cron(* * * * ? *)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: stateMachine.arn,
        roleArn: role.arn,
        input: collection.triggerInput('SCHEDULER'),
        retryPolicy,
      },
      dependsOn: grantsOf(role),
    });
    return { trigger, role };
  }
  const trigger = new CloudwatchEventRule(scope, 'rule', {
    ...common,
    name: names.triggerName,
    description: `Starts ${names.stateMachineName} every minute`,
    scheduleExpression: 'cron(0/1 * * * ? *)',
    tags,
  });
  new CloudwatchEventTarget(scope, 'rule-target', {
    ...common,
    rule: trigger.name,
    targetId: 'state-machine',
    arn: stateMachine.arn,
    roleArn: role.arn,
    input: collection.triggerInput('EVENTBRIDGE_RULE'),
    retryPolicy,
    dependsOn: grantsOf(role),
  });
  return { trigger, role };
}

/** Outputs named after the construct's path, so two pipelines in one stack do not collide. */
function buildOutputs(
  scope: Construct,
  ctx: BuildContext,
  parts: { readonly stateMachine: SfnStateMachine; readonly collector: LambdaFunction; readonly trigger: SchedulerSchedule | CloudwatchEventRule },
): void {
  const output = (suffix: string, value: string, description: string) => pipelineOutput(scope, ctx, suffix, value, description);
  output('state_machine_arn', parts.stateMachine.arn, 'ARN of the state machine that runs the collector');
  output('collector_function_name', parts.collector.functionName, 'Name of the collector Lambda function');
  output('trigger_name', parts.trigger.name, 'Name of the schedule or rule that starts the state machine');
}

/** One output of the pipeline at `scope`, its id under the pipeline's output prefix. */
export function pipelineOutput(scope: Construct, ctx: BuildContext, suffix: string, value: string, description: string): TerraformOutput {
  const out = new TerraformOutput(scope, suffix, { value, description });
  out.overrideLogicalId(outputId(ctx.names.outputPrefix, suffix));
  return out;
}
