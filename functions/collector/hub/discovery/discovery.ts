/**
 * One discovery run, every minute: reads the target list's organization section and the state
 * the last run left in the discovered object, does what is due (the accounts of the units, each
 * account's enabled regions, each account-region's clusters), and writes the account-regions
 * with clusters and the state back. A member account that cannot be read keeps its last known
 * answers and is tried again next run; only the reads and the write of the hub's own objects,
 * and a failed account listing (after the state is written), fail the run.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describeProblem } from '../../../../modules/common/errors';
import type { DiscoveryInput } from '../../../../modules/contract/collector-event';
import {
  type DiscoveryState,
  ORGANIZATION_TARGET_LIST_VERSION,
  type OrganizationTargets,
  type TargetListLocation,
  targetListProblems,
} from '../../../../modules/contract/hub-target-list';
import { reasonOf } from '../../aws-calls';
import { mapBounded } from '../../bounded';
import { SpokeCredentials } from '../spoke-credentials';
import { describeLocation } from '../target-list';
import { readDiscovered, writeDiscovered } from './discovered-object';
import type { DiscoveryClients } from './discovery-clients';
import {
  type AccountRegion,
  accountsDue,
  clustersDue,
  discoveredObject,
  emptyState,
  organizationKey,
  regionsDue,
  withAccounts,
  withAccountsFailure,
  withClusters,
  withClustersFailure,
  withRegions,
  withRegionsFailure,
} from './discovery-state';
import { listOrganizationAccounts } from './organization-accounts';

/** Member calls in flight at once (DescribeRegions, ListClusters): each to a different account-region. */
export const DISCOVERY_CONCURRENCY = 16;

/** A run starts no member call after this long, so it ends before the next one starts; what is left stays due. */
export const RUN_BUDGET_MS = 40_000;

/** Failures listed by name in the summary line. */
const LISTED = 10;

/** The target list cannot drive a discovery, or the hub's own objects cannot be read or written. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

export interface DiscoverySummary {
  /** ACTIVE accounts of the units, not excluded. */
  readonly accounts: number;
  readonly accountRegions: number;
  /** Account-regions with clusters: what the tick polls beside the listed targets. */
  readonly targets: number;
  /** What this run refreshed. */
  readonly refreshed: { readonly accounts: boolean; readonly regions: number; readonly clusters: number };
  /** Due refreshes left for the next run (the run's time budget ran out). */
  readonly deferred: number;
  readonly calls: Readonly<Record<string, number>>;
  /** `what: reason` of each failure this run, the first few. */
  readonly failures: readonly string[];
  readonly failureCount: number;
  /** Why the state started afresh (another organization section, or an unreadable object). */
  readonly restarted?: string;
}

export class Discovery {
  private readonly lists = new Map<string, Promise<OrganizationTargets>>();
  private spoke?: { readonly id: string; readonly credentials: SpokeCredentials };
  private reader?: { readonly id: string; readonly credentials: SpokeCredentials; readonly provider: () => ReturnType<SpokeCredentials['get']> };

  constructor(
    private readonly clients: DiscoveryClients,
    /** Milliseconds since the epoch (a fake clock in tests). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * One run. `owner`: the hub's account (ExpectedBucketOwner); `region`: the hub's, where DescribeRegions is asked;
   * `budgetMs`: how long it may start member calls (at most RUN_BUDGET_MS).
   */
  async run(
    input: DiscoveryInput,
    options: { readonly partition: string; readonly region: string; readonly owner?: string; readonly budgetMs?: number },
  ): Promise<DiscoverySummary> {
    const started = this.now();
    const stopAt = started + Math.min(options.budgetMs ?? RUN_BUDGET_MS, RUN_BUDGET_MS);
    const calls: Record<string, number> = { GetObject: 0, PutObject: 0, DescribeRegions: 0, ListClusters: 0 };
    const failures: string[] = [];
    const organization = await this.organizationOf(input.targetList, options.owner, calls);

    calls.GetObject++;
    const read = await readDiscovered(this.clients.s3, input.discovered, { owner: options.owner }).catch((error: unknown) => {
      throw new DiscoveryError(
        `reading the discovered object s3://${input.discovered.bucket}/${input.discovered.key} failed: ${reasonOf(error)}; nothing was changed`,
      );
    });
    let state: DiscoveryState = emptyState(organization);
    let restarted: string | undefined;
    if (read.kind === 'found' && read.object.state.organization === organizationKey(organization)) state = read.object.state;
    else if (read.kind === 'found') restarted = 'the organization section changed';
    else if (read.kind === 'unreadable') restarted = `the discovered object was unreadable (${read.problems.join('; ')})`;

    const seconds = () => Math.floor(this.now() / 1000);
    const spoke = this.spokeCredentials(input, options.partition);
    const assumedBefore = spoke.assumeRoleCalls + (this.reader?.credentials.assumeRoleCalls ?? 0);

    // 1. The accounts of the units.
    let accountsFailure: string | undefined;
    const listAccounts = accountsDue(state, organization, seconds());
    if (listAccounts) {
      try {
        const listing = await listOrganizationAccounts(this.organizations(organization, options.partition), organization.units, organization.exclude);
        Object.assign(calls, listing.calls);
        state = withAccounts(state, organization, listing.accounts, seconds());
      } catch (error) {
        accountsFailure = reasonOf(error);
        failures.push(`organizations:ListAccountsForParent/ListChildren: ${accountsFailure}`);
        state = withAccountsFailure(state, accountsFailure, seconds());
      }
    }

    // 2. The enabled regions of each account due (new accounts first, at once).
    const deferred = { regions: 0, clusters: 0 };
    const inBudget = () => this.now() < stopAt;
    const regionAccounts = regionsDue(state, organization, seconds());
    await mapBounded(regionAccounts, DISCOVERY_CONCURRENCY, async (account) => {
      if (!inBudget()) return void deferred.regions++;
      calls.DescribeRegions++;
      try {
        const ec2 = this.clients.ec2(options.region, spoke.provider(account));
        const output = await ec2.send(new DescribeRegionsCommand({}));
        const enabled = (output.Regions ?? []).map((r) => r.RegionName).filter((name): name is string => typeof name === 'string');
        state = withRegions(state, account, enabled, seconds());
      } catch (error) {
        const reason = reasonOf(error);
        failures.push(`${account} ec2:DescribeRegions: ${reason}`);
        state = withRegionsFailure(state, account, reason, seconds());
      }
    });

    // 3. Whether each account-region due has clusters (new ones first, at once).
    const accountRegions = clustersDue(state, organization, seconds());
    await mapBounded(accountRegions, DISCOVERY_CONCURRENCY, async (where: AccountRegion) => {
      if (!inBudget()) return void deferred.clusters++;
      calls.ListClusters++;
      try {
        const ecs = this.clients.ecs(where.region, spoke.provider(where.account));
        const output = await ecs.send(new ListClustersCommand({ maxResults: 1 }));
        state = withClusters(state, where, (output.clusterArns ?? []).length > 0 || output.nextToken !== undefined, seconds());
      } catch (error) {
        const reason = reasonOf(error);
        failures.push(`${where.account}/${where.region} ecs:ListClusters: ${reason}`);
        state = withClustersFailure(state, where, reason, seconds());
      }
    });

    const object = discoveredObject(state, seconds());
    calls.PutObject++;
    await writeDiscovered(this.clients.s3, input.discovered, object, { owner: options.owner }).catch((error: unknown) => {
      throw new DiscoveryError(`writing the discovered object s3://${input.discovered.bucket}/${input.discovered.key} failed: ${reasonOf(error)}`);
    });
    calls.AssumeRole = spoke.assumeRoleCalls + (this.reader?.credentials.assumeRoleCalls ?? 0) - assumedBefore;
    const summary: DiscoverySummary = {
      accounts: Object.keys(state.accounts).length,
      accountRegions: Object.values(state.accounts).reduce((n, a) => n + Object.keys(a.regions).length, 0),
      targets: object.targets.length,
      refreshed: {
        accounts: listAccounts && accountsFailure === undefined,
        regions: regionAccounts.length - deferred.regions,
        clusters: accountRegions.length - deferred.clusters,
      },
      deferred: deferred.regions + deferred.clusters,
      calls,
      failures: failures.slice(0, LISTED),
      failureCount: failures.length,
      ...(restarted !== undefined ? { restarted } : {}),
    };
    if (accountsFailure !== undefined) {
      throw Object.assign(
        new DiscoveryError(
          `listing the accounts of ${organization.units.join(', ')} failed: ${accountsFailure}; the accounts known before are kept and the listing is tried again next run. Check the Organizations read role in account ${organization.organizationsRole.account}`,
        ),
        { summary },
      );
    }
    return summary;
  }

  /** The organization section of the target list (version 2), read once per object version. */
  private organizationOf(location: TargetListLocation, owner: string | undefined, calls: Record<string, number>): Promise<OrganizationTargets> {
    const id = JSON.stringify([location.bucket, location.key, location.versionId]);
    let list = this.lists.get(id);
    if (!list) {
      calls.GetObject++;
      list = this.readOrganization(location, owner);
      this.lists.clear();
      this.lists.set(id, list);
      list.catch(() => this.lists.delete(id));
    }
    return list;
  }

  private async readOrganization(location: TargetListLocation, owner: string | undefined): Promise<OrganizationTargets> {
    let text: string;
    try {
      const output = await this.clients.s3.send(
        new GetObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          VersionId: location.versionId,
          ...(owner !== undefined ? { ExpectedBucketOwner: owner } : {}),
        }),
      );
      if (!output.Body) throw new Error('S3 answered without a body');
      text = await output.Body.transformToString('utf-8');
    } catch (error) {
      throw new DiscoveryError(`reading the target list ${describeLocation(location)} failed: ${reasonOf(error)}; nothing was discovered`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DiscoveryError(`the target list ${describeLocation(location)} is not JSON (${(error as Error).message}); re-apply the hub stack`);
    }
    const problems = targetListProblems(value).map(describeProblem);
    if (problems.length > 0)
      throw new DiscoveryError(`the target list ${describeLocation(location)} is malformed: ${problems.join('; ')}; re-apply the hub stack`);
    const list = value as { version: number; organization?: OrganizationTargets };
    if (list.version !== ORGANIZATION_TARGET_LIST_VERSION || !list.organization) {
      throw new DiscoveryError(
        `the target list ${describeLocation(location)} has no organization section: there is nothing to discover; configure the organization, or remove the discovery schedule (the hub stack deploys it only with one)`,
      );
    }
    return list.organization;
  }

  /** The spoke role's credentials per account, kept across warm runs while the role stays the same. */
  private spokeCredentials(input: DiscoveryInput, partition: string): SpokeCredentials {
    const role = { partition, ...input.spokeRole };
    const id = JSON.stringify(role);
    if (this.spoke?.id !== id) this.spoke = { id, credentials: new SpokeCredentials(this.clients.sts, role, this.now) };
    return this.spoke.credentials;
  }

  /** The Organizations client with the read role's credentials, kept while the role stays the same. */
  private organizations(organization: OrganizationTargets, partition: string) {
    const { account, ...role } = organization.organizationsRole;
    const id = JSON.stringify([partition, organization.organizationsRole]);
    if (this.reader?.id !== id) {
      const credentials = new SpokeCredentials(this.clients.sts, { partition, ...role }, this.now);
      this.reader = { id, credentials, provider: credentials.provider(account) };
    }
    return this.clients.organizations(this.reader.provider);
  }
}
