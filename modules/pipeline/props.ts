/**
 * The props of EcsHighResMetrics: what a user sets. Types only, so the fleet config and the cost
 * model can name them without loading any construct. Defaults are those of SETTINGS
 * (common/settings.ts); a test checks each `@default` below against it.
 */
import type { TerraformProvider } from 'cdktf';
import type { Architecture, StateMachineLogLevel, TriggerKind, WorkflowType } from '../common/settings';
import type { MonitoringProps } from '../monitoring/monitoring-settings';

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
  /**
   * Names of the ECS clusters to collect, all in this pipeline's account and region, or "*": every
   * cluster there, listed by the collector (ListClusters, at most once a minute), so a new cluster
   * gets metrics without a redeploy.
   */
  readonly clusters: string[] | '*';
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
   * Seconds between the ticks that read services (DescribeServices), a multiple of
   * `intervalSeconds` that divides 60: with many services, a longer one keeps the reads within
   * ECS's read throttle of the account-region (the synth warns when they would not fit); the
   * service datums and the service fleet-health series (and their alarms) then follow this cadence.
   * @default intervalSeconds: every tick
   */
  readonly serviceIntervalSeconds?: number;
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
   * @default two intervals, 10 to 60 s
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
   * must trust its service and allow what collectorRolePolicy, stateMachineRolePolicy or triggerRolePolicy allow.
   * @default the pipeline creates all three roles
   */
  readonly existingRoles?: ExistingRoles;
}

/** The props every topology's pipeline shares that its build steps and shared checks read. */
export type PipelineBuildProps = Pick<
  EcsHighResMetricsProps,
  'account' | 'region' | 'provider' | 'tags' | 'rolePath' | 'permissionsBoundary' | 'existingRoles'
>;
