/**
 * The EcsHighResMetricsHub construct: one pipeline in the hub account-region that collects every
 * member account-region of its targets through the spoke role of each member account. It writes
 * the target list to a versioned S3 object (target-list-store.ts; the list outgrows every
 * execution input at fleet scale: docs/hub-mode.md), then runs the pipeline's shared build steps
 * with the hub's collector policies, handler and input, which names the object's version so a new
 * list means a new input.
 */
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import type { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Annotations, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { describeProblem, ValidationError } from '../common/errors';
import { hubServiceReadWarning } from '../pipeline/for-hub';
import { enforceStrictWarnings, strictFromContext } from '../common/strict-warnings';
import type { NameClaim } from '../common/name-collisions';
import { pipelineNames } from '../common/names';
import { COLLECTOR_HANDLERS } from '../contract/collector-event';
import {
  buildContext,
  buildPipeline,
  checkNameCollisions,
  effectiveAwsProvider,
  literalProviderAccount,
  literalProviderRegion,
  pipelineEnvironment,
  pipelineOutput,
  type PipelineResources,
  placementOf,
  providerEnvironmentProblems,
} from '../pipeline/for-hub-build';
import { hubCollectorInput, hubCollectorPolicies, hubCollectorPolicy, hubTriggerInputText, longestHubCollectorPolicy } from './hub-collection';
import { buildHubDiscovery, organizationTargetsOf } from './hub-discovery';
import { DISCOVERED_KEY } from './organization-names';
import { iamArn } from '../common/environment';
import { TARGET_LIST_KEY } from './hub-names';
import { pairHub, recordHubSource } from './hub-pairing';
import { HUB_PROP_NAMES, hubColdTickWarning, hubProblems } from './hub-problems';
import { type HubSettings, resolveHubSettings } from './hub-settings';
import type { EcsHighResMetricsHubProps } from './props';
import { targetListStore } from './target-list-store';

/**
 * The hub of hub mode: schedule, state machine, collector, dashboards and alarms, once, in the
 * monitoring account-region, collecting every member account-region of `targets` through the
 * spoke role (EcsHighResMetricsSpoke) of each member account. Its collector runs the handler
 * `index.hubHandler`, and its role is always created: it is the one every spoke role trusts.
 */
export class EcsHighResMetricsHub extends Construct implements PipelineResources {
  /** {@inheritDoc PipelineResources.collector} */
  public readonly collector: PipelineResources['collector'];
  /** {@inheritDoc PipelineResources.stateMachine} */
  public readonly stateMachine: PipelineResources['stateMachine'];
  /** {@inheritDoc PipelineResources.trigger} */
  public readonly trigger: PipelineResources['trigger'];
  /** {@inheritDoc PipelineResources.roles} */
  public readonly roles: PipelineResources['roles'];
  /** {@inheritDoc PipelineResources.roleArns} */
  public readonly roleArns: PipelineResources['roleArns'];
  /** {@inheritDoc PipelineResources.monitoring} */
  public readonly monitoring: PipelineResources['monitoring'];
  /** The bucket of the target list. */
  public readonly targetListBucket: S3Bucket;
  /** The target list the collector reads, one version per deployment. */
  public readonly targetList: S3Object;
  /** The settings in effect, defaults applied. */
  public readonly settings: HubSettings;
  /** With an organization: the discovery function and its every-minute schedule. */
  public readonly discovery?: { readonly fn: LambdaFunction; readonly schedule: SchedulerSchedule };

  constructor(scope: Construct, id: string, props: EcsHighResMetricsHubProps) {
    super(scope, id);
    // The cdktf context can make every warning of the app an error (strict mode, for CI).
    if (strictFromContext(this)) enforceStrictWarnings(TerraformStack.of(this));
    this.settings = resolveHubSettings(props);
    const s = this.settings.pipeline;
    const env = pipelineEnvironment(this, props);
    // Named in the input, so a collector that finds the list's version gone says which stack to re-apply.
    const stack = TerraformStack.of(this).node.id;
    const problems = [...hubProblems(this.settings, env, props, HUB_PROP_NAMES, stack), ...providerEnvironmentProblems(this, props)];
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    const coldTick = hubColdTickWarning(this.settings);
    if (coldTick) Annotations.of(this).addWarning(`${this.node.path}: ${describeProblem(coldTick)}`);
    const serviceReads = hubServiceReadWarning(s, this.settings.targets, this.settings.tick.assumedClustersPerDiscoveredRegion);
    if (serviceReads) Annotations.of(this).addWarning(`${this.node.path}: ${describeProblem(serviceReads)}`);
    const placement = placementOf(this, env, props.provider);
    const ctx = buildContext(this, s, env, props);
    const { common, tags } = ctx;

    const h = this.settings;
    const organization =
      h.organization && organizationTargetsOf(h.organization, { name: s.name, rolePath: props.rolePath, externalId: h.spokeRole.externalId });
    const { bucket, targetList } = targetListStore(this, {
      common,
      tags,
      name: s.name,
      targets: h.targets,
      ...(organization ? { organization: { targets: organization, discoveredKey: DISCOVERED_KEY } } : {}),
    });
    this.targetListBucket = bucket;
    this.targetList = targetList;

    const assume = { partition: env.partition, accounts: h.accounts, spokeRole: h.spokeRole, organizationId: h.organizationId };
    const own = hubCollectorPolicy({
      env,
      name: s.name,
      namespace: s.namespace,
      tracing: s.tracing,
      targetObjectArn: `${bucket.arn}/${TARGET_LIST_KEY}`,
      ...(organization ? { discoveredObjectArn: `${bucket.arn}/${DISCOVERED_KEY}` } : {}),
    });
    const measured = longestHubCollectorPolicy(env, { name: s.name, namespace: s.namespace, tracing: s.tracing, organization: organization !== undefined });
    const policies = hubCollectorPolicies(own, measured, assume);
    const location = { bucket: bucket.bucket, key: TARGET_LIST_KEY, versionId: targetList.versionId, stack };
    const discovered = organization ? { bucket: bucket.bucket, key: DISCOVERED_KEY } : undefined;
    const built = buildPipeline(this, ctx, {
      collectorPolicy: policies.inline,
      collectorManagedPolicies: policies.managed,
      handler: COLLECTOR_HANDLERS.hub,
      triggerInput: (trigger) => hubTriggerInputText(trigger, location, { ...s, spokeRole: h.spokeRole, shards: h.shards }, discovered),
      monitoringTargets: h.targets,
      shards: h.shards,
    });
    this.collector = built.collector;
    this.stateMachine = built.stateMachine;
    this.trigger = built.trigger;
    this.roles = built.roles;
    this.roleArns = built.roleArns;
    this.monitoring = built.monitoring;
    if (organization && discovered && h.organizationId !== undefined) {
      const { spokeRole } = hubCollectorInput(location, { ...s, spokeRole: h.spokeRole });
      this.discovery = buildHubDiscovery(this, {
        common,
        tags,
        env,
        name: s.name,
        rolePath: props.rolePath,
        permissionsBoundary: props.permissionsBoundary && iamArn(env, 'policy', props.permissionsBoundary),
        logRetentionDays: s.logRetentionDays,
        architecture: s.architecture,
        organization,
        organizationId: h.organizationId,
        spokeRole,
        targetList: location,
        discovered,
        bucketArn: bucket.arn,
        collector: built.collector,
      });
    }
    pipelineOutput(this, ctx, 'target_list_bucket', bucket.bucket, 'Name of the S3 bucket holding the target list the hub collector reads');
    const managedPolicyNames = policies.managed.map(
      (_, i): NameClaim => ({
        kind: 'IAM policy name',
        name: `${pipelineNames(s.name, placement.regionLabel).roleName('collector')}-${i + 1}`,
        scope: 'account',
      }),
    );
    checkNameCollisions(this, ctx, built, placement, managedPolicyNames);
    // The spokes of this app must trust this hub as it is; forHub gives them its settings.
    const aws = effectiveAwsProvider(this, props.provider);
    const account = Token.isUnresolved(env.account) ? literalProviderAccount(aws) : env.account;
    const region = Token.isUnresolved(env.region) ? literalProviderRegion(aws) : env.region;
    recordHubSource(this, { path: this.node.path, props, account, region });
    if (account !== undefined && region !== undefined) {
      const mismatches = pairHub(this.node.root, {
        path: this.node.path,
        account,
        region,
        name: s.name,
        rolePath: props.rolePath ?? '/',
        externalId: h.spokeRole.externalId,
        spokeRole: { name: h.spokeRole.name, path: h.spokeRole.path },
      });
      if (mismatches.length > 0) throw new ValidationError(this.node.path, mismatches);
    }
  }
}
