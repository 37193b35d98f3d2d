/**
 * The hub's discovery of an organization: a second function from the collector's bundle
 * (`index.discoveryHandler`), its own least-privilege role and log group, and an EventBridge
 * Scheduler schedule that invokes it every minute with the DiscoveryInput. Built by the hub
 * construct only when an organization is configured.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { arns, type Environment } from '../common/environment';
import { pipelineNames } from '../common/names';
import type { PolicyDocument } from '../common/policy-document';
import { COLLECTOR_HANDLERS, type DiscoveryInput, type SpokeRoleReference } from '../contract/collector-event';
import { DEFAULT_DISCOVERY_REFRESH, type DiscoveredLocation, type OrganizationTargets, type TargetListLocation } from '../contract/hub-target-list';
import { SERVICE_PRINCIPALS, trustPolicy } from '../pipeline/for-hub';
import { roleWithPolicies } from '../pipeline/for-hub-build';
import { discoveryFunctionName, discoverySessionName, organizationsRoleNameOf } from './organization-names';
import { discoveryRolePolicy } from './organization-policies';
import type { HubOrganizationProps } from './props';

/** Memory and timeout of the discovery function: a run lists at most what is due, bounded by its own time budget. */
export const DISCOVERY_FUNCTION = { memoryMb: 256, timeoutSeconds: 60 } as const;

/** The organization section of the target list (version 2): what to find, through which role, how often. */
export function organizationTargetsOf(
  organization: HubOrganizationProps,
  hub: { readonly name: string; readonly rolePath?: string; readonly externalId?: string },
): OrganizationTargets {
  return {
    units: [...organization.units],
    regions: organization.regions === '*' ? '*' : [...organization.regions],
    exclude: [...(organization.exclude ?? [])],
    organizationsRole: {
      account: organization.account,
      name: organizationsRoleNameOf(hub.name),
      path: hub.rolePath ?? '/',
      sessionName: discoverySessionName(hub.name),
      ...(hub.externalId !== undefined ? { externalId: hub.externalId } : {}),
    },
    refresh: DEFAULT_DISCOVERY_REFRESH,
  };
}

/** The discovery schedule's input: where the list and the discovered object are, and the spoke role to assume. */
export function discoveryInput(targetList: TargetListLocation, spokeRole: SpokeRoleReference, discovered: DiscoveredLocation): DiscoveryInput {
  return { targetList, spokeRole, discovered };
}

/** The schedule's permission: invoke the discovery function, nothing else. */
export function discoverySchedulePolicy(functionArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'InvokeDiscoveryFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functionArn }],
  };
}

export interface HubDiscoveryProps {
  readonly common: { readonly provider?: TerraformProvider };
  readonly tags?: Record<string, string>;
  readonly env: Environment;
  readonly name: string;
  readonly rolePath?: string;
  readonly permissionsBoundary?: string;
  readonly logRetentionDays: number;
  readonly architecture: string;
  readonly organization: OrganizationTargets;
  readonly organizationId: string;
  readonly spokeRole: SpokeRoleReference;
  readonly targetList: TargetListLocation;
  readonly discovered: DiscoveredLocation;
  readonly bucketArn: string;
  /** The collector function, whose code (the same bundle) the discovery function runs. */
  readonly collector: LambdaFunction;
}

/** The discovery function, its role and log group, and its schedule with its role, under `scope`. */
export function buildHubDiscovery(scope: Construct, props: HubDiscoveryProps): { fn: LambdaFunction; schedule: SchedulerSchedule } {
  const { common, tags, env, name } = props;
  const names = pipelineNames(name, env.region);
  const functionName = discoveryFunctionName(name);
  const logGroupName = `/aws/lambda/${functionName}`;
  const logs = new CloudwatchLogGroup(scope, 'discovery-logs', { ...common, name: logGroupName, retentionInDays: props.logRetentionDays, tags });
  const role = props.organization.organizationsRole;
  const discoveryRole = roleWithPolicies(scope, 'discovery', {
    provider: common.provider,
    name: names.roleName('discovery'),
    path: props.rolePath,
    permissionsBoundary: props.permissionsBoundary,
    trust: trustPolicy(SERVICE_PRINCIPALS.collector, env.account),
    inline: discoveryRolePolicy({
      partition: env.partition,
      organizationsRoleArn: `arn:${env.partition}:iam::${role.account}:role${role.path}${role.name}`,
      spokeRole: props.spokeRole,
      organizationId: props.organizationId,
      targetListObjectArn: `${props.bucketArn}/${props.targetList.key}`,
      discoveredObjectArn: `${props.bucketArn}/${props.discovered.key}`,
      logGroupArn: arns.logGroup(env, logGroupName),
    }),
    tags,
  });
  const fn = new LambdaFunction(scope, 'discovery', {
    ...common,
    functionName,
    description: 'Finds the accounts, enabled regions and clusters of the hub organization units every minute',
    role: discoveryRole.role.arn,
    runtime: 'nodejs22.x',
    architectures: [props.architecture],
    handler: COLLECTOR_HANDLERS.discovery,
    memorySize: DISCOVERY_FUNCTION.memoryMb,
    timeout: DISCOVERY_FUNCTION.timeoutSeconds,
    // The collector's own literals (the asset's path and hash), not references: the same bundle, known at plan.
    filename: props.collector.filenameInput,
    sourceCodeHash: props.collector.sourceCodeHashInput,
    loggingConfig: { logFormat: 'JSON', logGroup: logs.name, applicationLogLevel: 'INFO', systemLogLevel: 'WARN' },
    // One run at a time: two would each write their own state over the other's.
    reservedConcurrentExecutions: 1,
    tags,
    dependsOn: [...(discoveryRole.inlinePolicy ? [discoveryRole.inlinePolicy] : []), logs],
  });
  const scheduleRole = roleWithPolicies(scope, 'discovery-scheduler', {
    provider: common.provider,
    name: names.roleName('discovery-scheduler'),
    path: props.rolePath,
    permissionsBoundary: props.permissionsBoundary,
    trust: trustPolicy(SERVICE_PRINCIPALS.SCHEDULER, env.account),
    inline: discoverySchedulePolicy(arns.function(env, functionName)),
    tags,
  });
  const schedule = new SchedulerSchedule(scope, 'discovery-schedule', {
    ...common,
    name: `${name}-discovery`,
    description: `Invokes ${functionName} every minute: it does what is due of the organization's listings`,
    scheduleExpression: 'rate(1 minute)',
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: fn.arn,
      roleArn: scheduleRole.role.arn,
      input: JSON.stringify(discoveryInput(props.targetList, props.spokeRole, props.discovered)),
      // A run a minute late is replaced by the next one.
      retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 0 },
    },
    dependsOn: scheduleRole.inlinePolicy ? [scheduleRole.inlinePolicy] : [],
  });
  return { fn, schedule };
}
