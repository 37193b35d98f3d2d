/**
 * The input the trigger gives each execution, and through it each collector invocation.
 * Shared by the construct (which writes it) and the collector (which reads it).
 */

export interface CollectorInput {
  /** ECS cluster names of this account-region. */
  readonly clusters: readonly string[];
  /** CloudWatch namespace of every datum. */
  readonly namespace: string;
  /** Metric names to publish (see the catalog); absent: the blog's four. */
  readonly metrics?: readonly string[];
  /** Per cluster, the services whose counts to publish: a list of names, or '*' for all. */
  readonly services?: Readonly<Record<string, readonly string[] | '*'>>;
  /**
   * When the trigger was scheduled to fire (ISO 8601). EventBridge Scheduler fills it in, so a
   * retried delivery publishes the same timestamps; without it the execution start time is used.
   */
  readonly scheduledTime?: string;
}

/** EventBridge Scheduler replaces this placeholder with the scheduled time of each invocation. */
export const SCHEDULED_TIME_PLACEHOLDER = '<aws.scheduler.scheduled-time>';
