/**
 * The collector's event contract, in one module: what the trigger puts in each execution
 * (CollectorInput), what each Task of the state machine sends the collector (TickPayload), and
 * the error name the state machine retries. The construct writes these and the collector reads
 * them, both typed by this file, so neither side can drift from the other.
 */
import type { ServiceSelection } from '../common/rules';

export interface CollectorInput {
  /** ECS cluster names of this account-region. */
  readonly clusters: readonly string[];
  /** CloudWatch namespace of every datum. */
  readonly namespace: string;
  /** Metric names to publish (see the catalog); absent: the blog's four. */
  readonly metrics?: readonly string[];
  /** Per cluster, the services whose counts to publish: a list of names, or '*' for all. */
  readonly services?: ServiceSelection;
  /**
   * When the trigger was scheduled to fire (ISO 8601). EventBridge Scheduler fills it in, so a
   * retried delivery publishes the same timestamps; without it the execution start time is used.
   */
  readonly scheduledTime?: string;
}

/** EventBridge Scheduler replaces this placeholder with the scheduled time of each invocation. */
export const SCHEDULED_TIME_PLACEHOLDER = '<aws.scheduler.scheduled-time>';

/** Which tick of the minute an invocation is. */
export interface Tick {
  readonly intervalSeconds: number;
  readonly offsetSeconds: number;
  /** The execution's start time (ISO 8601), the base when the input has no scheduledTime. */
  readonly executionStartTime: string;
}

/** What each Task sends the collector: the execution input untouched, and which tick this is. */
export interface TickPayload {
  readonly input: CollectorInput;
  readonly tick: Tick;
}

/**
 * The Task's `Payload` parameters that produce a TickPayload: fields Step Functions fills in at
 * run time are JSONPath references (`<field>.$`).
 */
export interface TickPayloadParameters {
  readonly 'input.$': '$';
  readonly tick: Omit<Tick, 'executionStartTime'> & { readonly 'executionStartTime.$': '$$.Execution.StartTime' };
}

/** The error name the collector raises when some datums were not published; the state machine retries it. */
export const PUBLISH_ERROR_NAME = 'PublishError';
