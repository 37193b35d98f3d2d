/**
 * The EcsHighResMetrics construct: one pipeline in one account-region. The constructor resolves
 * and validates the settings (pipeline-settings.ts, pipeline-problems.ts), then runs one named
 * build step per part: collector, state machine, trigger, outputs, monitoring.
 */
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
import { AssetType, TerraformAsset, TerraformOutput, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, iamArn, partitionOf } from '../common/environment';
import { ValidationError } from '../common/errors';
import { NameClaim } from '../common/name-collisions';
import { outputId, PipelineNames, pipelineNames } from '../common/names';
import { PolicyDocument } from '../common/policy-document';
import { PipelineMonitoring } from '../monitoring/pipeline-monitoring';
import { claimNames, Placement, placementOf } from './app-claims';
import { providerEnvironmentProblems } from './aws-provider';
import { collectorBundle } from './collector-bundle';
import { collectorDescription } from './collector-description';
import { regionAttribute } from './region-attribute';
import { pipelineCollectorPolicy, SERVICE_PRINCIPALS, stateMachinePolicy, triggerPolicy, trustPolicy } from './iam-policies';
import { outputIdPrefixOf } from './output-id-prefix';
import { pipelineProblems } from './pipeline-problems';
import { PipelineSettings, resolvePipelineSettings } from './pipeline-settings';
import { EcsHighResMetricsProps, ExistingRoles } from './props';
import { stateMachineDefinition } from './state-machine-definition';
import { triggerInputText } from './trigger-input';

/** A role of the pipeline: the created one (with its policy), or an existing one by ARN. */
interface PipelineRole {
  readonly arn: string;
  readonly role?: IamRole;
  readonly policy?: IamRolePolicy;
}

/** What every build step needs: settings, where, names, and the attributes every resource shares. */
interface BuildContext {
  readonly s: PipelineSettings;
  readonly env: Environment;
  readonly names: PipelineNames;
  readonly props: EcsHighResMetricsProps;
  readonly common: { readonly provider?: TerraformProvider };
  readonly tags?: Record<string, string>;
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
  /** Where the pipeline provably is, for the app-wide name collision check. */
  private readonly placement: Placement;

  constructor(scope: Construct, id: string, props: EcsHighResMetricsProps) {
    super(scope, id);
    this.settings = resolvePipelineSettings(props);
    const env = this.environment(props);
    const problems = [...pipelineProblems(this.settings, env, props), ...providerEnvironmentProblems(this, props)];
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    this.placement = placementOf(this, env, props.provider);

    const ctx: BuildContext = {
      s: this.settings,
      env,
      // Output ids from the construct's path in its stack, which no other pipeline of the stack shares.
      names: pipelineNames(this.settings.name, env.region, outputIdPrefixOf(this)),
      props,
      common: { provider: props.provider },
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    };
    const collector = this.buildCollector(ctx);
    const stateMachine = this.buildStateMachine(ctx, collector.fn);
    const trigger = this.buildTrigger(ctx, stateMachine.machine);
    this.collector = collector.fn;
    this.stateMachine = stateMachine.machine;
    this.trigger = trigger.trigger;
    this.roles = { collector: collector.role.role, stateMachine: stateMachine.role.role, trigger: trigger.role.role };
    this.roleArns = { collector: collector.role.arn, stateMachine: stateMachine.role.arn, trigger: trigger.role.arn };
    this.buildOutputs(ctx);
    this.monitoring = new PipelineMonitoring(this, 'monitoring', {
      settings: ctx.s,
      env,
      names: ctx.names,
      provider: props.provider,
      tags: ctx.tags,
    });
    this.checkNameCollisions(ctx);
  }

  /** Refuses a name another pipeline of the app already creates in the same account(-region) or stack, naming both. */
  private checkNameCollisions(ctx: BuildContext): void {
    const collisions = claimNames(this, this.nameClaims(ctx), this.placement);
    if (collisions.length > 0) throw new ValidationError(this.node.path, collisions);
  }

  /** Every name this pipeline created, and where AWS or Terraform needs it unique. */
  private nameClaims(ctx: BuildContext): NameClaim[] {
    const s = this.settings;
    // A region known only at plan is named by its provider, so two pipelines of one provider still compare.
    const names = pipelineNames(s.name, this.placement.regionLabel, ctx.names.outputPrefix);
    const inRegion = (kind: string, name: string): NameClaim => ({ kind, name, scope: 'account-region' });
    const roles = Object.values(this.roles).filter((role): role is IamRole => role !== undefined);
    const createdRoleIds = (['collector', 'states', 'scheduler', 'events'] as const).filter((id) =>
      roles.some((role) => role.node.id === `${id}-role`),
    );
    return [
      ...createdRoleIds.map((id): NameClaim => ({ kind: 'IAM role name', name: names.roleName(id), scope: 'account' })),
      ...(this.monitoring.dashboard ? [{ kind: 'CloudWatch dashboard name', name: names.dashboardName, scope: 'account' } as const] : []),
      inRegion('Lambda function name', names.functionName),
      inRegion('state machine name', names.stateMachineName),
      inRegion('log group name', names.collectorLogGroupName),
      ...(s.stateMachineLogLevel !== 'OFF' ? [inRegion('log group name', names.stateMachineLogGroupName)] : []),
      inRegion(s.trigger === 'SCHEDULER' ? 'EventBridge Scheduler schedule name' : 'EventBridge rule name', names.triggerName),
      ...(this.monitoring.alarmTopic ? [inRegion('SNS topic name', names.alarmTopicName)] : []),
      ...this.monitoring.alarmDefinitions.map((alarm) => inRegion('CloudWatch alarm name', alarm.name)),
      ...this.node
        .findAll()
        .filter((c): c is TerraformOutput => c instanceof TerraformOutput)
        .map((out): NameClaim => ({ kind: 'Terraform output id', name: out.friendlyUniqueId, scope: 'stack' })),
    ];
  }

  /** Partition, region and account: literals when known, otherwise read by data sources at plan. */
  private environment(props: EcsHighResMetricsProps): Environment {
    const common = { provider: props.provider };
    const region = props.region ?? regionAttribute(new DataAwsRegion(this, 'region', common));
    const account = props.account ?? new DataAwsCallerIdentity(this, 'account', common).accountId;
    const partition = props.region ? partitionOf(props.region) : new DataAwsPartition(this, 'partition', common).partition;
    return { partition, region, account };
  }

  /** The existing role named in `existingRoles`, or a created one with its least-privilege policy. */
  private role(ctx: BuildContext, id: string, purpose: keyof ExistingRoles, service: string, policy: PolicyDocument): PipelineRole {
    const { props, env, common } = ctx;
    const existing = props.existingRoles?.[purpose];
    if (existing) return { arn: iamArn(env, 'role', existing) };
    const created = new IamRole(this, `${id}-role`, {
      ...common,
      name: ctx.names.roleName(id),
      path: props.rolePath,
      permissionsBoundary: props.permissionsBoundary && iamArn(env, 'policy', props.permissionsBoundary),
      assumeRolePolicy: JSON.stringify(trustPolicy(service, env.account)),
      tags: ctx.tags,
    });
    const attached = new IamRolePolicy(this, `${id}-policy`, {
      ...common,
      name: 'least-privilege',
      role: created.id,
      policy: JSON.stringify(policy),
    });
    return { arn: created.arn, role: created, policy: attached };
  }

  /** The collector: its log group, role, code asset and function. */
  private buildCollector(ctx: BuildContext): { fn: LambdaFunction; role: PipelineRole } {
    const { s, names, common, tags } = ctx;
    const logs = new CloudwatchLogGroup(this, 'collector-logs', {
      ...common,
      name: names.collectorLogGroupName,
      retentionInDays: s.logRetentionDays,
      tags,
    });
    const role = this.role(ctx, 'collector', 'collector', SERVICE_PRINCIPALS.collector, pipelineCollectorPolicy(s, ctx.env));
    const bundle = collectorBundle();
    const code = new TerraformAsset(this, 'collector-code', {
      path: bundle.zipPath,
      type: AssetType.FILE,
      assetHash: bundle.sha256Hex,
    });
    const fn = new LambdaFunction(this, 'collector', {
      ...common,
      functionName: names.functionName,
      description: collectorDescription(s.namespace, s.intervalSeconds),
      role: role.arn,
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
        logGroup: logs.name,
        applicationLogLevel: 'INFO',
        systemLogLevel: 'WARN',
      },
      tags,
      // The role must be able to write logs before the first invocation.
      dependsOn: role.policy && [role.policy],
    });
    return { fn, role };
  }

  /** The state machine: its role, log group (unless logging is OFF) and the machine itself. */
  private buildStateMachine(ctx: BuildContext, collector: LambdaFunction): { machine: SfnStateMachine; role: PipelineRole } {
    const { s, env, names, common, tags } = ctx;
    const logging = s.stateMachineLogLevel !== 'OFF';
    const role = this.role(
      ctx,
      'states',
      'stateMachine',
      SERVICE_PRINCIPALS.stateMachine,
      stateMachinePolicy({ env, functionName: names.functionName, logging, tracing: s.tracing }),
    );
    const logs = logging
      ? new CloudwatchLogGroup(this, 'state-machine-logs', {
          ...common,
          name: names.stateMachineLogGroupName,
          retentionInDays: s.logRetentionDays,
          tags,
        })
      : undefined;
    const machine = new SfnStateMachine(this, 'state-machine', {
      ...common,
      name: names.stateMachineName,
      type: s.workflowType,
      roleArn: role.arn,
      // A reference, not a literal ARN: the definition stays unknown until apply, so plan
      // never calls ValidateStateMachineDefinition (and runs offline).
      definition: JSON.stringify(stateMachineDefinition({ intervalSeconds: s.intervalSeconds, collectorArn: collector.arn, partition: env.partition })),
      loggingConfiguration: logs
        ? { logDestination: `${logs.arn}:*`, includeExecutionData: false, level: s.stateMachineLogLevel }
        : { level: 'OFF' },
      tracingConfiguration: s.tracing ? { enabled: true } : undefined,
      tags,
      dependsOn: role.policy && [role.policy],
    });
    return { machine, role };
  }

  /** What starts the state machine every minute: a schedule (default) or a rule and its target. */
  private buildTrigger(
    ctx: BuildContext,
    stateMachine: SfnStateMachine,
  ): { trigger: SchedulerSchedule | CloudwatchEventRule; role: PipelineRole } {
    const { s, env, names, common, tags } = ctx;
    const role = this.role(
      ctx,
      s.trigger === 'SCHEDULER' ? 'scheduler' : 'events',
      'trigger',
      SERVICE_PRINCIPALS[s.trigger],
      triggerPolicy({ env, stateMachineName: names.stateMachineName }),
    );
    // A start delayed past a minute is useless: the next minute's start is already due.
    const retryPolicy = { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 2 };
    if (s.trigger === 'SCHEDULER') {
      const trigger = new SchedulerSchedule(this, 'schedule', {
        ...common,
        name: names.triggerName,
        description: `Starts ${names.stateMachineName} at the start of every minute`,
        // cron, not rate(1 minute): fires on the minute, so ticks line up with wall-clock buckets.
        scheduleExpression: 'cron(* * * * ? *)',
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: stateMachine.arn,
          roleArn: role.arn,
          input: triggerInputText('SCHEDULER', s),
          retryPolicy,
        },
        dependsOn: role.policy && [role.policy],
      });
      return { trigger, role };
    }
    const trigger = new CloudwatchEventRule(this, 'rule', {
      ...common,
      name: names.triggerName,
      description: `Starts ${names.stateMachineName} every minute`,
      scheduleExpression: 'cron(0/1 * * * ? *)',
      tags,
    });
    new CloudwatchEventTarget(this, 'rule-target', {
      ...common,
      rule: trigger.name,
      targetId: 'state-machine',
      arn: stateMachine.arn,
      roleArn: role.arn,
      input: triggerInputText('EVENTBRIDGE_RULE', s),
      retryPolicy,
      dependsOn: role.policy && [role.policy],
    });
    return { trigger, role };
  }

  /** Outputs named after the construct's path, so two pipelines in one stack do not collide. */
  private buildOutputs(ctx: BuildContext): void {
    const output = (suffix: string, value: string, description: string) =>
      new TerraformOutput(this, suffix, { value, description }).overrideLogicalId(outputId(ctx.names.outputPrefix, suffix));
    output('state_machine_arn', this.stateMachine.arn, 'ARN of the state machine that runs the collector');
    output('collector_function_name', this.collector.functionName, 'Name of the collector Lambda function');
    output('trigger_name', this.trigger.name, 'Name of the schedule or rule that starts the state machine');
  }
}
