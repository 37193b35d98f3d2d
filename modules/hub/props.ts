/**
 * The props of hub mode's two constructs: the hub pipeline (one, in the monitoring account-region)
 * and the spoke role (one per member account). Types only, so the fleet config and the cost model
 * can name them without loading any construct.
 */
import type { TerraformProvider } from 'cdktf';
import type { TargetListEntry } from '../contract/hub-target-list';
import type { EcsHighResMetricsProps } from '../pipeline/for-hub';

/** The spoke role's name and path, the same in every member account. */
export interface SpokeRoleProps {
  /**
   * Role name in every member account.
   * @default '<name>-spoke'
   */
  readonly name?: string;
  /**
   * IAM path of the spoke role.
   * @default the hub's `rolePath`, else '/'
   */
  readonly path?: string;
}

/** What the hub and every spoke must agree on: who may assume what. */
export interface HubTrustProps {
  /**
   * Passed as sts:ExternalId on every AssumeRole; each spoke role's trust policy requires it.
   * @default no external ID
   */
  readonly externalId?: string;
  /**
   * AWS Organizations ID: the hub may assume the spoke role in any account of the organization
   * (one condition at any fleet size) instead of in the listed accounts only.
   * @default the listed accounts only
   */
  readonly organizationId?: string;
  /** The spoke role's name and path. @default '<name>-spoke' on the hub's role path */
  readonly spokeRole?: SpokeRoleProps;
}

/** An organization whose accounts the hub finds at run time (its discovery function lists them through the Organizations read role). */
export interface HubOrganizationProps {
  /** The organization stack's account, where the Organizations read role is (12 digits). */
  readonly account: string;
  /** Organizational unit IDs (or the root ID) whose ACTIVE accounts are collected, every OU below them included. */
  readonly units: readonly string[];
  /** Regions to look at in each account: a list, or "*" for every region enabled in the account. */
  readonly regions: readonly string[] | '*';
  /** Accounts or organizational units left out. @default none */
  readonly exclude?: readonly string[];
}

/**
 * One pipeline (schedule, state machine, collector, dashboards, alarms) in the hub account-region
 * that collects every member account-region of `targets` through its spoke role. Settings as
 * EcsHighResMetrics, except what names the clusters of one account-region.
 */
export interface EcsHighResMetricsHubProps extends Omit<EcsHighResMetricsProps, 'clusters' | 'services'>, HubTrustProps {
  /** Every member account-region with its clusters ("*": discovered) and services; written to an S3 object the collector reads. May be empty with `organization`. */
  readonly targets: readonly TargetListEntry[];
  /**
   * The organization whose accounts, regions and clusters the hub finds at run time, beside the
   * listed `targets`; requires `organizationId`. The organization's account holds the spoke roles'
   * StackSet and the Organizations read role (EcsHighResMetricsOrganization).
   * @default no organization: the listed targets only
   */
  readonly organization?: HubOrganizationProps;
  /**
   * Collector memory in MB: its CPU share, which the hub's work per tick needs as the fleet grows.
   * @default sized from the fleet's clusters (a "*" account-region counted as `assumedClustersPerDiscoveredRegion`; with `organization`, `assumedDiscoveredAccountRegions` more of them): 128 up to 1,000, 512 up to 5,000, 1,024 up to 25,000, 1,769 above, more when the clusters need it to fit in memory
   */
  readonly collectorMemoryMb?: number;
  /**
   * Collector timeout in seconds; the collector stops collecting halfway to it.
   * @default two intervals (10 to 60 s), longer when the modelled cold tick needs it to collect every account-region
   */
  readonly collectorTimeoutSeconds?: number;
  /**
   * Milliseconds the hub's tick model assumes for one AWS call from the hub (S3, STS, ECS,
   * CloudWatch), 1 to 10,000. The hub is refused at synth when a warm tick cannot finish within
   * the interval at this latency, and warned about when a cold tick cannot.
   * @default 50 (an in-region call; a hub far from its members may see 150)
   */
  readonly assumedCallLatencyMs?: number;
  /**
   * Clusters the hub's sizing and tick model assume in an account-region whose clusters are "*"
   * (found at run time), 1 to 10,000.
   * @default 25
   */
  readonly assumedClustersPerDiscoveredRegion?: number;
  /**
   * With `organization`: account-regions with clusters the hub's sizing (collector memory, timeout,
   * "auto" shards) and tick model assume the discovery finds beside the listed `targets`, each "*"
   * (`assumedClustersPerDiscoveredRegion` clusters), 1 to 100,000. The hub is refused at synth when
   * its tick would not fit. Ignored without an organization.
   * @default 200 (100 accounts × 2 regions with clusters)
   */
  readonly assumedDiscoveredAccountRegions?: number;
  /**
   * Collector invocations per tick, 1 to 40, or "auto": each tick's branch runs an inline Map state
   * over the shards, and invocation i collects the account-regions whose hash of `account/region` is
   * i modulo the count (same function, same role). "auto": the tick model chooses, 1 while one
   * invocation's modelled steady tick finishes within half the interval, else the fewest (up to 40)
   * whose slowest shard does.
   * @default 1 (one invocation per tick)
   */
  readonly shards?: number | 'auto';
}

/**
 * The role the hub's collector assumes in one member account: trusted by that role alone,
 * allowed only the ECS reads the fleet's settings need in the account's listed regions.
 */
export interface EcsHighResMetricsSpokeProps extends HubTrustProps {
  /**
   * The fleet's name (the hub pipeline's `name`): names the spoke role and the hub collector role it trusts.
   * @default 'ecs-highres'
   */
  readonly name?: string;
  /** The member account (12 digits). */
  readonly account: string;
  /** The hub's account and region: the hub collector's role is `<name>-collector-<region>` there. */
  readonly hub: { readonly account: string; readonly region: string; readonly rolePath?: string };
  /** This account's entries of the hub's target list. */
  readonly targets: readonly TargetListEntry[];
  /**
   * Metrics the hub collects: per-service metrics add the service reads.
   * @default the blog's four
   */
  readonly metrics?: string[];
  /** Permissions boundary of the spoke role (ARN, or a name in the member account). @default none */
  readonly permissionsBoundary?: string;
  /** The AwsProvider of the member account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** Tags of the role. @default none beyond the provider's default_tags */
  readonly tags?: Record<string, string>;
  /**
   * The account is one of an organization's, found at run time: the role is the one the
   * organization's StackSet deploys (trusting the hub's collector and discovery roles, reading every
   * cluster of `regions`), and `targets` may be empty. For accounts where StackSets are not allowed.
   * @default a listed account's role, reading its targets only
   */
  readonly organization?: { readonly regions: readonly string[] | '*' };
}

/** What a spoke built from its hub (EcsHighResMetricsSpoke.forHub) is given besides the hub. */
export interface SpokeOfHubProps extends Pick<EcsHighResMetricsSpokeProps, 'account' | 'permissionsBoundary' | 'provider' | 'tags'> {
  /**
   * This account's entries of the hub's target list.
   * @default the hub's targets of `account`
   */
  readonly targets?: EcsHighResMetricsSpokeProps['targets'];
}

/** Who creates the StackSet, as the organization's account is to the organization. */
export type StackSetAdministrator = 'delegated-administrator' | 'management';

export interface EcsHighResMetricsOrganizationProps {
  /** The fleet's name (the hub pipeline's `name`). @default 'ecs-highres' */
  readonly name?: string;
  /** The hub's account, region and role path: the roles its collector and discovery use are trusted. */
  readonly hub: { readonly account: string; readonly region: string; readonly rolePath?: string };
  /** Organizational unit IDs (or the root ID) the StackSet deploys the spoke role to, every OU below them included. */
  readonly units: readonly string[];
  /** Regions the hub watches: a list, or "*" (every region enabled in each account). */
  readonly regions: readonly string[] | '*';
  /**
   * Accounts (12 digits) the StackSet leaves out (the hub's discovery leaves them out too). Units
   * in the list are left out by the discovery only: a StackSet cannot exclude an OU below a target.
   * @default none
   */
  readonly exclude?: readonly string[];
  /**
   * What this construct's account is to the organization: a delegated administrator for
   * CloudFormation StackSets (the StackSet is created with call_as DELEGATED_ADMIN) or the
   * management account (SELF).
   * @default 'delegated-administrator'
   */
  readonly administrator?: StackSetAdministrator;
  /** sts:ExternalId the hub passes and both roles require. @default none */
  readonly externalId?: string;
  /** Metrics the hub collects: per-service metrics add the service reads to the spoke role. @default the blog's four */
  readonly metrics?: readonly string[];
  /** The spoke role's name and path. @default '<name>-spoke' on the hub's role path */
  readonly spokeRole?: SpokeRoleProps;
  /** Permissions boundary of the spoke role (ARN, or a policy name each member account has). @default none */
  readonly permissionsBoundary?: string;
  /**
   * The one region of each account's stack instance (the template holds IAM only, which is global).
   * @default the partition's home region: us-east-1 (aws), cn-north-1, us-gov-west-1
   */
  readonly stackSetRegion?: string;
  /** The AwsProvider of the organization's account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** Tags of the StackSet, the roles, and the spoke role in each account. @default none beyond the provider's default_tags */
  readonly tags?: Record<string, string>;
}
