/**
 * What every pipeline construct exposes, whichever it collects (EcsHighResMetrics its own
 * clusters, EcsHighResMetricsHub its member accounts'): declared once, implemented by both.
 */
import type { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import type { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { PipelineMonitoring } from '../monitoring/pipeline-monitoring';

/** The resources of a built pipeline: collector, state machine, trigger, their roles, and its monitoring. */
export interface PipelineResources {
  /** The collector function. */
  readonly collector: LambdaFunction;
  /** The state machine that runs the collector once per tick. */
  readonly stateMachine: SfnStateMachine;
  /** The schedule (default) or rule that starts the state machine every minute. */
  readonly trigger: SchedulerSchedule | CloudwatchEventRule;
  /** Roles the pipeline created: none for a role given in `existingRoles`. */
  readonly roles: { readonly collector?: IamRole; readonly stateMachine?: IamRole; readonly trigger?: IamRole };
  /** ARN of the role of the collector, of the state machine, of the trigger (created or existing). */
  readonly roleArns: { readonly collector: string; readonly stateMachine: string; readonly trigger: string };
  /** The alarm topic, alarms and dashboards that watch the pipeline (and, in hub mode, its fleet). */
  readonly monitoring: PipelineMonitoring;
}
