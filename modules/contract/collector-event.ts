/**
 * The collector's event contract, in one module: what the trigger puts in each execution
 * (CollectorInput), what each Task of the state machine sends the collector (TickPayload), and
 * the error name the state machine retries. The construct writes these and the collector reads
 * them, both typed by this file, so neither side can drift from the other.
 */
import type { ServiceSelection } from '../common/rules';
import type { Shard } from './hub-shards';
import type { DiscoveredLocation, TargetListLocation } from './hub-target-list';

export interface CollectorInput {
  /** ECS cluster names of this account-region, or "*": every cluster there, listed with ListClusters at most once a minute. */
  readonly clusters: readonly string[] | '*';
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
  /** Publish the fleet-health series of this place (modules/metrics/fleet-health.ts); absent (older stacks): none. */
  readonly health?: FleetHealthInput;
  /**
   * Seconds between the ticks that read services (a multiple of the interval that divides 60):
   * the ticks whose offset in the minute is a multiple of it. Absent: every tick.
   */
  readonly serviceIntervalSeconds?: number;
}

/** Where the fleet-health series go: their one dimension, `Pipeline=<pipeline>`. */
export interface FleetHealthInput {
  /** The pipeline's name (the hub's, for a hub), as the construct names its state machine. */
  readonly pipeline: string;
}

/** The role the hub collector assumes in every member account (one per account: IAM is global). */
export interface SpokeRoleReference {
  /** Role name, the same in every member account, e.g. `ecs-highres-spoke`. */
  readonly name: string;
  /** IAM path, `/` or `/platform/`. */
  readonly path: string;
  /** Passed as sts:ExternalId when the spoke role's trust policy asks for one. */
  readonly externalId?: string;
  /** RoleSessionName: what each member account's CloudTrail shows as the reader of its clusters. */
  readonly sessionName: string;
}

/**
 * The hub's execution input: where the target list is (an S3 object, read by version), not the
 * list itself, which at 1,000 account-regions outgrows every input (docs/hub-mode.md).
 */
export interface HubCollectorInput {
  readonly targetList: TargetListLocation;
  readonly spokeRole: SpokeRoleReference;
  /** CloudWatch namespace of every datum, in the hub's account and region. */
  readonly namespace: string;
  /** Metric names to publish; absent: the blog's four. */
  readonly metrics?: readonly string[];
  /** As in CollectorInput: EventBridge Scheduler fills it in. */
  readonly scheduledTime?: string;
  /**
   * Invocations per tick (hub-shards.ts), when more than one: each Task of the tick's Map state
   * sends its `shard`. Absent: one invocation collects every account-region.
   */
  readonly shards?: number;
  /**
   * With an organization: the object the discovery function writes. The tick polls its targets
   * beside the list's (re-read at most once a minute); absent object: the listed targets only.
   */
  readonly discovered?: DiscoveredLocation;
  /** As in CollectorInput: one set of fleet-health series for the whole hub; absent: none. */
  readonly health?: FleetHealthInput;
  /** As in CollectorInput: the ticks that read services; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
}

/**
 * The discovery function's input, from its schedule every minute: the target list (its
 * organization section), the spoke role (DescribeRegions, ListClusters), and where to write
 * what it found. Each run does only what is due (DiscoveryRefresh).
 */
export interface DiscoveryInput {
  readonly targetList: TargetListLocation;
  readonly spokeRole: SpokeRoleReference;
  readonly discovered: DiscoveredLocation;
}

/** The Lambda handler of each topology: one bundle serves both. */
export const COLLECTOR_HANDLERS = {
  /** One account-region, its own clusters (CollectorInput). */
  accountRegion: 'index.handler',
  /** The hub: every member account-region of the target list (HubCollectorInput). */
  hub: 'index.hubHandler',
  /** The hub's discovery of an organization's account-regions with clusters (DiscoveryInput). */
  discovery: 'index.discoveryHandler',
} as const;

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
  readonly input: CollectorInput | HubCollectorInput;
  readonly tick: Tick;
  /** A hub of several shards: which one this invocation collects (absent: every account-region). */
  readonly shard?: Shard;
}

/**
 * The Task's `Payload` parameters that produce a TickPayload: fields Step Functions fills in at
 * run time are JSONPath references (`<field>.$`).
 */
export interface TickPayloadParameters {
  readonly 'input.$': '$';
  readonly tick: Omit<Tick, 'executionStartTime'> & { readonly 'executionStartTime.$': '$$.Execution.StartTime' };
}

/**
 * The Payload of a shard's Task inside the Map state: the execution input and the shard index are
 * the Map item's fields (`input`, `index`), the shard count a literal of the definition.
 */
export interface ShardTickPayloadParameters {
  readonly 'input.$': '$.input';
  readonly tick: TickPayloadParameters['tick'];
  readonly shard: { readonly 'index.$': '$.index'; readonly count: number };
}

/** The error name the collector raises when some datums were not published; the state machine retries it. */
export const PUBLISH_ERROR_NAME = 'PublishError';
