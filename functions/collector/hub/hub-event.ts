/**
 * The hub's event, checked before anything is called: from the state machine
 * `{ input: <HubCollectorInput>, tick }`, or the HubCollectorInput invoked directly. It says
 * where the target list is and which role to assume, never the list itself (docs/hub-mode.md).
 * The envelope, namespace, metric and tick checks are the per-account-region collector's own.
 */
import { AnyMetricDefinition, metricDefinition } from '../../../modules/metrics/catalog';
import type { FleetHealthInput, HubCollectorInput, SpokeRoleReference } from '../../../modules/contract/collector-event';
import type { DiscoveredLocation, TargetListLocation } from '../../../modules/contract/hub-target-list';
import { type Shard, shardCountProblem } from '../../../modules/contract/hub-shards';
import { EXTERNAL_ID, EXTERNAL_ID_ALLOWED, ROLE_SESSION_NAME, ROLE_SESSION_NAME_ALLOWED, roleNameProblem } from '../../../modules/common/iam-rules';
import { rolePathProblem } from '../../../modules/common/rules';
import { S3_BUCKET_NAME, S3_BUCKET_NAME_ALLOWED } from '../../../modules/common/s3-rules';
import { isObject } from '../../../modules/common/values';
import { healthOf, MalformedEventError, metricNamesOf, metricsOfTick, namespaceOf, openEnvelope, timestampOf } from '../event';

/** What one hub invocation must do, before the target list is read. */
export interface HubRequest {
  readonly targetList: TargetListLocation;
  readonly spokeRole: SpokeRoleReference;
  readonly namespace: string;
  /** The metrics to publish, in the order given. */
  readonly metrics: readonly AnyMetricDefinition[];
  /** Timestamp of every datum: the tick. */
  readonly timestamp: Date;
  /** With an organization: the discovered object, whose targets are polled beside the list's. */
  readonly discovered?: DiscoveredLocation;
  /** The shard this invocation collects, when the tick fans out over several (absent: every account-region). */
  readonly shard?: Shard;
  /** Where the hub's fleet-health series go; absent (an older hub stack's input): none is published. */
  readonly health?: FleetHealthInput;
}

const REDEPLOY = 'the hub stack writes it: redeploy the hub stack';

export function targetListOf(input: Record<string, unknown>): TargetListLocation {
  const location = input['targetList' satisfies keyof HubCollectorInput];
  if (!isObject(location)) {
    const hint = 'clusters' in input || 'ECSClusterName' in input ? ': this is an account-region input; its handler is index.handler' : '';
    throw new MalformedEventError(`targetList must be { "bucket", "key", "versionId" } (where the target list is), got ${JSON.stringify(location)}${hint}`);
  }
  const { bucket, key, versionId, stack } = location;
  if (typeof bucket !== 'string' || !S3_BUCKET_NAME.test(bucket)) {
    throw new MalformedEventError(`targetList.bucket: ${JSON.stringify(bucket)} is not an S3 bucket name (${S3_BUCKET_NAME_ALLOWED}); ${REDEPLOY}`);
  }
  if (typeof key !== 'string' || key === '' || key.length > 1024) {
    throw new MalformedEventError(`targetList.key: ${JSON.stringify(key)} is not an S3 object key (1 to 1,024 characters); ${REDEPLOY}`);
  }
  if (typeof versionId !== 'string' || versionId === '' || versionId === 'null') {
    throw new MalformedEventError(
      `targetList.versionId: ${JSON.stringify(versionId)} is not an object version ID: the bucket must have versioning on, and the schedule passes the version the hub stack wrote; ${REDEPLOY}`,
    );
  }
  // Any length: cdktf sets none, and the input's size is checked at synth.
  if (stack !== undefined && (typeof stack !== 'string' || stack === '')) {
    throw new MalformedEventError(`targetList.stack: ${JSON.stringify(stack)} is not a stack name (a non-empty string); ${REDEPLOY}`);
  }
  return { bucket, key, versionId, ...(stack !== undefined ? { stack } : {}) };
}

/** IAM's own rules for what the hub sends STS (AssumeRole would refuse anything else, every tick). */
export function spokeRoleOf(input: Record<string, unknown>): SpokeRoleReference {
  const role = input['spokeRole' satisfies keyof HubCollectorInput];
  if (!isObject(role)) throw new MalformedEventError(`spokeRole must be { "name", "path", "sessionName", "externalId"? }, got ${JSON.stringify(role)}`);
  const { name, path, sessionName, externalId } = role;
  const nameProblem = roleNameProblem(name);
  if (nameProblem !== undefined || typeof name !== 'string') throw new MalformedEventError(`spokeRole.name: ${nameProblem}`);
  if (typeof path !== 'string' || rolePathProblem(path) !== undefined) {
    throw new MalformedEventError(
      `spokeRole.path: ${typeof path === 'string' ? rolePathProblem(path) : `${JSON.stringify(path)} is not an IAM path: use "/" or "/platform/"`}`,
    );
  }
  if (typeof sessionName !== 'string' || !ROLE_SESSION_NAME.test(sessionName)) {
    throw new MalformedEventError(`spokeRole.sessionName: ${JSON.stringify(sessionName)} is not a role session name: use ${ROLE_SESSION_NAME_ALLOWED}`);
  }
  if (externalId !== undefined && (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId))) {
    throw new MalformedEventError(`spokeRole.externalId: ${JSON.stringify(externalId)} is not an external ID: use ${EXTERNAL_ID_ALLOWED}, or leave it out`);
  }
  return { name, path, sessionName, ...(externalId !== undefined ? { externalId } : {}) };
}

/** Where the discovery writes what it found (the hub's bucket, read and written at its latest version); absent: none. */
export function discoveredLocationOf(input: Record<string, unknown>, required: boolean): DiscoveredLocation | undefined {
  const location = input['discovered' satisfies keyof HubCollectorInput];
  if (location === undefined && !required) return undefined;
  if (!isObject(location))
    throw new MalformedEventError(`discovered must be { "bucket", "key" } (where the discovery writes what it found), got ${JSON.stringify(location)}`);
  const { bucket, key } = location;
  if (typeof bucket !== 'string' || !S3_BUCKET_NAME.test(bucket)) {
    throw new MalformedEventError(`discovered.bucket: ${JSON.stringify(bucket)} is not an S3 bucket name (${S3_BUCKET_NAME_ALLOWED}); ${REDEPLOY}`);
  }
  if (typeof key !== 'string' || key === '' || key.length > 1024) {
    throw new MalformedEventError(`discovered.key: ${JSON.stringify(key)} is not an S3 object key (1 to 1,024 characters); ${REDEPLOY}`);
  }
  return { bucket, key };
}

/**
 * The event's `shard` (sent by each Task of the tick's Map state), checked; none when absent or of a
 * count of 1. The input's `shards` is checked alone: the definition's count decides, since during a
 * deployment an execution may pair a new definition with an older schedule's input.
 */
function shardOf(event: Record<string, unknown>, input: Record<string, unknown>): Shard | undefined {
  const shards = input['shards' satisfies keyof HubCollectorInput];
  if (shards !== undefined && shardCountProblem(shards) !== undefined) throw new MalformedEventError(`shards: ${shardCountProblem(shards)}; ${REDEPLOY}`);
  const shard = event.shard;
  if (shard === undefined) return undefined;
  if (!isObject(shard)) throw new MalformedEventError(`shard must be { "index", "count" }, got ${JSON.stringify(shard)}; ${REDEPLOY}`);
  const { index, count } = shard;
  const countProblem = shardCountProblem(count);
  if (countProblem !== undefined || typeof count !== 'number') throw new MalformedEventError(`shard.count: ${countProblem}; ${REDEPLOY}`);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new MalformedEventError(`shard.index: ${JSON.stringify(index)} is not a shard of ${count}: use a whole number from 0 to ${count - 1}; ${REDEPLOY}`);
  }
  return count === 1 ? undefined : { index, count };
}

/** Checks a hub event and says what to do; `now` stamps direct invocations, to the second. */
export function parseHubEvent(event: unknown, now: () => number = Date.now): HubRequest {
  const envelope = openEnvelope(event);
  const { input } = envelope;
  const targetList = targetListOf(input);
  const spokeRole = spokeRoleOf(input);
  const namespace = namespaceOf(input);
  const metrics = metricNamesOf(input);
  const timestamp = timestampOf(envelope, now);
  const health = healthOf(input);
  const discovered = discoveredLocationOf(input, false);
  const shard = shardOf(event as Record<string, unknown>, input);
  return {
    targetList,
    spokeRole,
    namespace,
    metrics: metricsOfTick(
      envelope,
      metrics.map((name) => metricDefinition(name)!),
    ),
    timestamp,
    ...(discovered ? { discovered } : {}),
    ...(shard ? { shard } : {}),
    ...(health ? { health } : {}),
  };
}
