/**
 * One hub invocation, from a checked event to the published tick: the target list (read once
 * per version), the spoke credentials, ECS clients and discovered clusters of the warm
 * container (kept while the spoke role stays the same), collectTargets, then PutMetricData with
 * the hub's own CloudWatch client. Whatever could be collected is published; then, if any
 * account-region lost datums, the invocation fails naming them (the collector's lost-datum contract).
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { AwsCalls, Deadlines, MAX_IN_FLIGHT } from '../aws-calls';
import type { Clients } from '../clients';
import { CLUSTER_LIST_TTL_MS, ClusterDiscovery } from '../cluster-discovery';
import { PublishError } from '../collect';
import { type FleetHealth, fleetHealth, fleetHealthDatums } from '../fleet-health';
import { cut, MAX_ERROR_MESSAGE_CHARS, type Skipped } from '../report';
import type { SummaryCounts } from '../summary-line';
import { AccountRegionReport, collectTargets, HUB_CONCURRENCY, HubLost, HubState, lostAccountRegionsMessage } from './collect-targets';
import { createS3Client, createStsClient, EcsClientPool } from './hub-clients';
import type { HubRequest } from './hub-event';
import { publishHubDatums } from './publish-datums';
import { SpokeCredentials } from './spoke-credentials';
import { DiscoveredReader, type DiscoveredView, withDiscovered } from './discovered-reader';
import { TargetListReader } from './target-list-reader';
import { assumeRolePaceOf, putMetricDataInFlightOf, targetsOfShard } from '../../../modules/contract/hub-shards';
import { SpokeRole, targetKey } from './targets';

/** The hub's own clients: the target list's bucket, STS and CloudWatch, all in the hub's region. */
export interface HubClients {
  readonly s3: Pick<S3Client, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
}

/** The tick of the whole hub: the counts of every account-region, each skipped and lost item with its account-region. */
export interface HubSummary extends SummaryCounts {
  /** Account-regions this invocation collected: the target list's, or its shard's. */
  readonly accountRegions: number;
  /** `account/region` of each account-region that lost datums, in the list's order. */
  readonly lostAccountRegions: readonly string[];
  readonly skipped: ReadonlyArray<Skipped & { readonly accountRegion: string }>;
  /** Lost items; the hub's own fleet-health datums, of no account-region, have accountRegion `hub`. */
  readonly lost: ReadonlyArray<HubLost & { readonly accountRegion: string }>;
  /** With an organization: how many account-regions the discovered object added, and where they came from. */
  readonly discovered?: { readonly targets: number } & Omit<DiscoveredView, 'targets'>;
  /** The hub's fleet-health series published, and what they count; absent when the input has no `health`. */
  readonly health?: FleetHealth;
}

/** The accountRegion of what the hub loses of its own (its fleet-health datums). */
export const HUB_ITSELF = 'hub';

/** The hub publishes with its CloudWatch client alone; ECS calls go through each spoke's client. */
const NO_ECS: Clients['ecs'] = {
  send: () => Promise.reject(new Error('the hub calls ECS with the clients of its spokes')),
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function summarize(
  reports: readonly AccountRegionReport[],
  published: number,
  refused: number,
  calls: Readonly<Record<string, number>>,
  retries: number,
  hubLost: readonly HubLost[],
  health: FleetHealth | undefined,
): HubSummary {
  const byApi: Record<string, number> = { ...calls };
  for (const report of reports) {
    for (const [api, n] of Object.entries(report.calls)) byApi[api] = (byApi[api] ?? 0) + n;
  }
  return {
    accountRegions: reports.length,
    lostAccountRegions: reports.filter((r) => r.lost.length > 0).map(targetKey),
    clusters: sum(reports.map((r) => r.clusters)),
    services: sum(reports.map((r) => r.services)),
    datums: published,
    refusedDatums: refused,
    calls: byApi,
    retries: retries + sum(reports.map((r) => r.retries)),
    skipped: reports.flatMap((r) => r.skipped.map((s) => ({ accountRegion: targetKey(r), ...s }))),
    lost: [...reports.flatMap((r) => r.lost.map((l) => ({ accountRegion: targetKey(r), ...l }))), ...hubLost.map((l) => ({ accountRegion: HUB_ITSELF, ...l }))],
    ...(health ? { health } : {}),
  };
}

/** The discovered object's part of the summary: the account-regions it added (listed ones win), its source, its age. */
function discoveredSummary(view: DiscoveredView, added: number): NonNullable<HubSummary['discovered']> {
  const { targets: _targets, ...rest } = view;
  return { targets: added, ...rest };
}

/** The PublishError message: the account-regions that lost datums, then the hub's own fleet-health datums refused. */
function lostMessage(reports: readonly AccountRegionReport[], hubLost: readonly HubLost[]): string {
  const own = hubLost.map((l) => `${l.cluster}: PutMetricData failed: ${l.reason}`);
  if (own.length === 0) return lostAccountRegionsMessage(reports);
  const fleetHealthLine = `the hub's fleet-health datums were refused: ${own.join('; ')}`;
  if (!reports.some((r) => r.lost.length > 0)) return cut(fleetHealthLine, MAX_ERROR_MESSAGE_CHARS);
  return cut(`${fleetHealthLine}\n${lostAccountRegionsMessage(reports)}`, MAX_ERROR_MESSAGE_CHARS);
}

export class HubCollector {
  /**
   * Listeners of the collect deadline at most: every account-region in flight listens (its calls,
   * their SDK requests, the wait for credentials or a cluster list), and so does the target list's read.
   */
  public readonly collectListeners = HUB_CONCURRENCY * (2 * MAX_IN_FLIGHT + 1) + 1;
  private readonly targetLists: TargetListReader;
  private readonly discoveredTargets: DiscoveredReader;
  /** What the warm container keeps for the spoke role of the last invocation. */
  private spokes?: { readonly role: string; readonly state: HubState };

  constructor(
    private readonly clients: HubClients,
    private readonly now: () => number = Date.now,
  ) {
    this.targetLists = new TargetListReader(clients.s3);
    this.discoveredTargets = new DiscoveredReader(clients.s3, now);
  }

  /**
   * The container's state for `role`; a new role (another deployment) starts afresh, never with the
   * old role's credentials, and so does a new shard count (its AssumeRole pace is its share of the tick's).
   */
  private stateFor(role: SpokeRole, shards = 1): HubState {
    const id = JSON.stringify([role.partition, role.path, role.name, role.externalId ?? null, role.sessionName, shards]);
    if (this.spokes?.role !== id) {
      const credentials = new SpokeCredentials(this.clients.sts, role, this.now, { pace: assumeRolePaceOf(shards) });
      const state = {
        credentials,
        ecsClients: new EcsClientPool(credentials),
        discovery: new ClusterDiscovery(CLUSTER_LIST_TTL_MS, this.now),
        serviceLists: new Map(),
      };
      this.spokes = { role: id, state };
    }
    return this.spokes.state;
  }

  /**
   * Collects and publishes one tick; throws PublishError, after publishing the rest, if any account-region lost datums.
   * `account`: the hub's own, which owns the target list's bucket (unknown outside Lambda).
   */
  async collect(request: HubRequest, options: { readonly partition: string; readonly account?: string; readonly deadlines?: Deadlines }): Promise<HubSummary> {
    const getObjects = this.targetLists.getObjectCalls + this.discoveredTargets.getObjectCalls;
    const read = { owner: options.account, abortSignal: options.deadlines?.collect };
    const [listed, discovered] = await Promise.all([
      this.targetLists.read(request.targetList, read),
      request.discovered ? this.discoveredTargets.read(request.discovered, read) : undefined,
    ]);
    const polled = discovered ? withDiscovered(listed, discovered.targets) : listed;
    // A tick of several shards: this invocation collects its own account-regions, and publishes with its share of the requests in flight.
    const targets = request.shard ? targetsOfShard(polled, request.shard) : polled;
    const state = this.stateFor({ partition: options.partition, ...request.spokeRole }, request.shard?.count ?? 1);
    const assumed = state.credentials.assumeRoleCalls;
    const collection = await collectTargets({ targets, metrics: request.metrics, timestamp: request.timestamp }, state, {
      collectDeadline: options.deadlines?.collect,
    });
    // One set of fleet-health series for the whole hub, after every account-region's datums, in the same requests.
    const health = request.health
      ? fleetHealth(
          request.health.pipeline,
          request.metrics.some((m) => m.source === 'service'),
          collection.reports.map((r) => ({ label: targetKey(r), health: r.health })),
        )
      : undefined;
    const datums = health ? [...collection.datums, ...fleetHealthDatums(health, request.timestamp)] : collection.datums;
    const calls = new AwsCalls(
      { ecs: NO_ECS, cloudwatch: this.clients.cloudwatch },
      { publish: options.deadlines?.publish },
      request.shard ? { cloudwatchInFlight: putMetricDataInFlightOf(request.shard.count) } : {},
    );
    const publication = await publishHubDatums(request.namespace, datums, collection.reports, calls);
    const summary = summarize(
      publication.reports,
      publication.published,
      publication.refused,
      {
        GetObject: this.targetLists.getObjectCalls + this.discoveredTargets.getObjectCalls - getObjects,
        AssumeRole: state.credentials.assumeRoleCalls - assumed,
        PutMetricData: calls.calls.PutMetricData,
      },
      calls.retries,
      publication.hubLost,
      health,
    );
    const withView: HubSummary = discovered ? { ...summary, discovered: discoveredSummary(discovered, targets.length - listed.length) } : summary;
    if (withView.lost.length > 0) throw new PublishError(withView, lostMessage(publication.reports, publication.hubLost));
    return withView;
  }
}

/** The Lambda container's hub: S3 and STS in the hub's own region, publishing with the collector's CloudWatch client. */
export function createHubCollector(cloudwatch: HubClients['cloudwatch']): HubCollector {
  const region = process.env.AWS_REGION;
  return new HubCollector({ s3: createS3Client(region), sts: createStsClient(region), cloudwatch });
}
