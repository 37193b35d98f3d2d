/**
 * The EcsHighResMetrics construct: one pipeline in one account-region. The constructor resolves
 * and validates the settings (pipeline-settings.ts, pipeline-problems.ts), then runs the build
 * steps every topology shares (pipeline-build.ts) with what this one collects: its clusters.
 */
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { Environment } from '../common/environment';
import { describeProblem, ValidationError } from '../common/errors';
import { enforceStrictWarnings, strictFromContext } from '../common/strict-warnings';
import { COLLECTOR_HANDLERS } from '../contract/collector-event';
import { placementOf } from './app-claims';
import { providerEnvironmentProblems } from './aws-provider';
import { pipelineCollectorPolicy } from './iam-policies';
import { buildContext, buildPipeline, checkNameCollisions, type Collection, pipelineEnvironment } from './pipeline-build';
import { pipelineProblems } from './pipeline-problems';
import type { PipelineResources } from './pipeline-resources';
import { type PipelineSettings, resolvePipelineSettings } from './pipeline-settings';
import type { EcsHighResMetricsProps } from './props';
import { pipelineServiceReadWarning } from './service-reads';
import { triggerInputText } from './trigger-input';

/** What a pipeline of one account-region collects: its own clusters, read with its own role. */
export function accountRegionCollection(s: PipelineSettings, env: Environment): Collection {
  return {
    collectorPolicy: pipelineCollectorPolicy(s, env),
    handler: COLLECTOR_HANDLERS.accountRegion,
    triggerInput: (trigger) => triggerInputText(trigger, s),
  };
}

/**
 * One high-resolution ECS metrics pipeline in one account-region, for any number of its
 * clusters: a trigger every minute starts a state machine that runs the collector every
 * `intervalSeconds`, which publishes each cluster's counts to CloudWatch at 1-second resolution.
 */
export class EcsHighResMetrics extends Construct implements PipelineResources {
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
  /** The settings in effect, defaults applied. */
  public readonly settings: PipelineSettings;

  constructor(scope: Construct, id: string, props: EcsHighResMetricsProps) {
    super(scope, id);
    // The cdktf context can make every warning of the app an error (strict mode, for CI).
    if (strictFromContext(this)) enforceStrictWarnings(TerraformStack.of(this));
    this.settings = resolvePipelineSettings(props);
    const env = pipelineEnvironment(this, props);
    const problems = [...pipelineProblems(this.settings, env, props), ...providerEnvironmentProblems(this, props)];
    if (problems.length > 0) throw new ValidationError(this.node.path, problems);
    const serviceReads = pipelineServiceReadWarning(this.settings);
    if (serviceReads) Annotations.of(this).addWarning(`${this.node.path}: ${describeProblem(serviceReads)}`);
    const placement = placementOf(this, env, props.provider);

    const ctx = buildContext(this, this.settings, env, props);
    const built = buildPipeline(this, ctx, accountRegionCollection(this.settings, env));
    this.collector = built.collector;
    this.stateMachine = built.stateMachine;
    this.trigger = built.trigger;
    this.roles = built.roles;
    this.roleArns = built.roleArns;
    this.monitoring = built.monitoring;
    checkNameCollisions(this, ctx, built, placement);
  }
}
