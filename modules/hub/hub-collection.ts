/**
 * What the hub pipeline collects and how, as plain data: its collector's policies (publish, read
 * the target object, assume the spoke role, and no ECS call of its own) and its execution input
 * (where the target list is, which role to assume). Pure: the construct writes these with
 * references, validation measures them with every unknown part at its longest.
 */
import { longestEnvironment } from '../common/aws-limits';
import type { Environment } from '../common/environment';
import { pipelineNames } from '../common/names';
import { type PolicyDocument, type PolicyStatement, policySize } from '../common/policy-document';
import type { TriggerKind } from '../common/settings';
import { type HubCollectorInput, SCHEDULED_TIME_PLACEHOLDER } from '../contract/collector-event';
import type { DiscoveredLocation, TargetListLocation } from '../contract/hub-target-list';
import { isDefaultMetricSet, publishStatements } from '../pipeline/for-hub';
import { TARGET_LIST_KEY } from './hub-names';
import { DISCOVERED_KEY, discoveredBucketArn } from './organization-names';
import { checkedHubAssumeRolePolicies, type HubAssumeOptions, hubAssumeRolePolicies, type PlacedPolicies } from './hub-policies';
import type { Problem } from '../common/errors';

/** S3's longest bucket name, what a generated name from `bucket_prefix` is. */
export const LONGEST_BUCKET_NAME = 63;
/** S3 documents no maximum for a version ID (they are 32 characters); 1,024 bounds it generously for measuring. */
export const LONGEST_VERSION_ID = 1024;

/** What the hub's collector needs besides its settings. */
export interface HubCollectorPolicyOptions {
  readonly env: Environment;
  readonly name: string;
  readonly namespace: string;
  readonly tracing: boolean;
  /** ARN of the target list object, `arn:<p>:s3:::<bucket>/targets.json`. */
  readonly targetObjectArn: string;
  /** With an organization: ARN of the discovered object, which the collector reads at its latest version. */
  readonly discoveredObjectArn?: string;
}

/** The hub collector's own policy as validation measures it: every unknown part (region, account, bucket) at its longest. */
export function longestHubCollectorPolicy(
  env: Environment,
  settings: Omit<HubCollectorPolicyOptions, 'env' | 'targetObjectArn' | 'discoveredObjectArn'> & { readonly organization?: boolean },
): PolicyDocument {
  const longest = longestEnvironment(env);
  const { organization, ...rest } = settings;
  const bucketArn = `arn:${longest.partition}:s3:::${'b'.repeat(LONGEST_BUCKET_NAME)}`;
  return hubCollectorPolicy({
    ...rest,
    env: longest,
    targetObjectArn: `${bucketArn}/${TARGET_LIST_KEY}`,
    ...(organization ? { discoveredObjectArn: `${bucketArn}/${DISCOVERED_KEY}` } : {}),
  });
}

/** The hub collector's own statements: read the target object, publish its metrics, write its logs and traces. */
export function hubCollectorPolicy(options: HubCollectorPolicyOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // The one object, every version of it: executions started before a deployment read the version they were given.
        Sid: 'ReadTargetList',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: options.targetObjectArn,
      },
      ...(options.discoveredObjectArn !== undefined
        ? [
            { Sid: 'ReadDiscoveredTargets', Effect: 'Allow' as const, Action: 's3:GetObject', Resource: options.discoveredObjectArn },
            // A missing object (before the discovery's first run) is then 404, not 403 (organization-names.ts).
            { Sid: 'ListTargetBucket', Effect: 'Allow' as const, Action: 's3:ListBucket', Resource: discoveredBucketArn(options.discoveredObjectArn) },
          ]
        : []),
      ...publishStatements({
        env: options.env,
        namespace: options.namespace,
        logGroupName: pipelineNames(options.name, options.env.region).collectorLogGroupName,
        tracing: options.tracing,
      }),
    ],
  };
}

/** An identity policy of the hub builders, checked to name no principal (a principal belongs in a trust policy). */
function identityDocument(document: PolicyDocument): PolicyDocument {
  return {
    Version: document.Version,
    Statement: document.Statement.map((statement): PolicyStatement => {
      const { Principal, ...rest } = statement;
      if (Principal) throw new Error(`statement ${statement.Sid} names a principal: it belongs in a trust policy, not an identity policy`);
      return rest;
    }),
  };
}

/** The hub collector role's policies: one inline policy, and managed ones where the AssumeRole permission does not fit beside it. */
export interface HubCollectorPolicies {
  readonly inline: PolicyDocument;
  readonly managed: readonly PolicyDocument[];
}

export interface HubAssumeSettings {
  /** The hub's partition: the spoke roles are in the same one. */
  readonly partition: string;
  readonly accounts: readonly string[];
  readonly spokeRole: { readonly name: string; readonly path: string };
  readonly organizationId?: string;
}

const assumeOptions = (assume: HubAssumeSettings): HubAssumeOptions => ({
  partition: assume.partition,
  spokeRole: assume.spokeRole,
  accounts: assume.accounts,
  organizationId: assume.organizationId,
});

/** What keeps the hub collector's AssumeRole permission from fitting beside `measured`, its own policy at its longest. */
export function hubCollectorPolicyProblems(measured: PolicyDocument, assume: HubAssumeSettings): readonly Problem[] {
  const placed = checkedHubAssumeRolePolicies(assumeOptions(assume), { otherInlineSize: policySize(measured) });
  return 'problems' in placed ? placed.problems : [];
}

/**
 * The collector's own policy, with the AssumeRole permission inline when it fits the role's
 * 10,240 characters beside it, else in managed policies. `measured` is the own policy with every
 * unknown part at its longest, so a reference never hides an oversize role. Throws HubIamError (hubCollectorPolicyProblems says why first).
 */
export function hubCollectorPolicies(own: PolicyDocument, measured: PolicyDocument, assume: HubAssumeSettings): HubCollectorPolicies {
  const placed: PlacedPolicies = hubAssumeRolePolicies(assumeOptions(assume), { otherInlineSize: policySize(measured) });
  const inline: PolicyDocument = placed.inline ? { Version: own.Version, Statement: [...own.Statement, ...identityDocument(placed.inline).Statement] } : own;
  return { inline, managed: placed.managed.map(identityDocument) };
}

export interface HubInputSettings {
  /** The hub's name: the fleet-health series' `Pipeline` dimension. */
  readonly name: string;
  /** Publish the hub's fleet-health series. */
  readonly fleetHealth: boolean;
  readonly intervalSeconds?: number;
  /** Written only when it differs from the interval (absent: every tick reads services). */
  readonly serviceIntervalSeconds?: number;
  readonly namespace: string;
  readonly metrics: readonly string[];
  readonly spokeRole: { readonly name: string; readonly path: string; readonly externalId?: string; readonly sessionName: string };
  /** Collector invocations per tick; more than one is written in the input (HubCollectorInput.shards). */
  readonly shards?: number;
}

/** The hub's execution input: where the target list is (and the discovered object, with an organization) and which role to assume, never the list itself. */
export function hubCollectorInput(targetList: TargetListLocation, s: HubInputSettings, discovered?: DiscoveredLocation): HubCollectorInput {
  const { externalId, ...role } = s.spokeRole;
  return {
    targetList: {
      bucket: targetList.bucket,
      key: targetList.key,
      versionId: targetList.versionId,
      ...(targetList.stack !== undefined ? { stack: targetList.stack } : {}),
    },
    spokeRole: { name: role.name, path: role.path, ...(externalId !== undefined ? { externalId } : {}), sessionName: role.sessionName },
    namespace: s.namespace,
    // The collector's default is the blog's four, so a default hub's input stays small.
    ...(isDefaultMetricSet(s.metrics) ? {} : { metrics: s.metrics }),
    ...(s.shards !== undefined && s.shards > 1 ? { shards: s.shards } : {}),
    ...(s.fleetHealth ? { health: { pipeline: s.name } } : {}),
    ...(s.serviceIntervalSeconds !== undefined && s.serviceIntervalSeconds !== s.intervalSeconds ? { serviceIntervalSeconds: s.serviceIntervalSeconds } : {}),
    ...(discovered !== undefined ? { discovered: { bucket: discovered.bucket, key: discovered.key } } : {}),
  };
}

/** The hub trigger's input text: Scheduler's carries the placeholder it replaces with the scheduled time. */
export function hubTriggerInputText(trigger: TriggerKind, targetList: TargetListLocation, s: HubInputSettings, discovered?: DiscoveredLocation): string {
  const input = hubCollectorInput(targetList, s, discovered);
  return JSON.stringify(trigger === 'SCHEDULER' ? { ...input, scheduledTime: SCHEDULED_TIME_PLACEHOLDER } : input);
}
