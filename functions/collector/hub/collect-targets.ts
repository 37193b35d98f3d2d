/**
 * One tick of the hub: for every member account-region, at most HUB_CONCURRENCY at once, the
 * spoke role's credentials (cached), the clusters (listed or discovered), DescribeClusters by
 * 100 and the services, then the datums with account and region dimensions. An account-region
 * that cannot be assumed, listed or described loses only its own datums, named in its report;
 * every other account-region's datums are returned for publishing.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { AnyMetricDefinition } from '../../../modules/metrics/catalog';
import { ApiName, AwsCalls, reasonOf } from '../aws-calls';
import type { Clients } from '../clients';
import { collectClusters } from '../collect-clusters';
import { cut, describeLost, Lost, MAX_ERROR_MESSAGE_CHARS, Skipped } from '../report';
import { ServiceListCache } from '../service-list-cache';
import { mapBounded } from '../bounded';
import type { ClusterDiscovery } from '../cluster-discovery';
import type { AccountRegionHealth } from '../fleet-health';
import { MAX_ECS_SOCKETS } from './hub-clients';
import { withAccountRegion } from './hub-dimensions';
import type { SpokeCredentials } from './spoke-credentials';
import { HubTarget, targetKey } from './targets';

/** Account-regions collected at once: with about one ECS call each per tick, this bounds the calls in flight. */
export const HUB_CONCURRENCY = MAX_ECS_SOCKETS;

/** The calls only the hub makes, besides the collector's. */
export type HubApiName = ApiName | 'AssumeRole' | 'ListClusters';

/** Something of an account-region not collected because a call failed. */
export interface HubLost extends Omit<Lost, 'api'> {
  readonly api: HubApiName;
}

/** What happened to one account-region in one tick. */
export interface AccountRegionReport {
  readonly account: string;
  readonly region: string;
  /** Clusters collected. */
  readonly clusters: number;
  /** Services collected. */
  readonly services: number;
  /** Datums built for publishing. */
  readonly datums: number;
  /** Of those, datums CloudWatch refused (set by publishHubDatums). */
  readonly refusedDatums: number;
  /** ECS calls made for this account-region (an SDK retry is not a new call). */
  readonly calls: Readonly<Record<'ListClusters' | 'DescribeClusters' | 'ListServices' | 'DescribeServices', number>>;
  readonly retries: number;
  readonly skipped: readonly Skipped[];
  readonly lost: readonly HubLost[];
  /** What the answers say for the hub's fleet-health series. */
  readonly health: AccountRegionHealth;
}

export interface HubCollection {
  /** Every datum collected, account-region by account-region in the targets' order. */
  readonly datums: MetricDatum[];
  /** One report per target, in the targets' order. */
  readonly reports: readonly AccountRegionReport[];
}

/** What the hub keeps across warm invocations. */
export interface HubState {
  readonly credentials: SpokeCredentials;
  readonly ecsClients: { get(target: Pick<HubTarget, 'account' | 'region'>): Pick<ECSClient, 'send'> };
  readonly discovery: ClusterDiscovery;
  /** Service lists of "*" service selections, one cache per account-region. */
  readonly serviceLists: Map<string, ServiceListCache>;
}

export interface HubCollectRequest {
  readonly targets: readonly HubTarget[];
  /** The metrics to publish, in the order given. */
  readonly metrics: readonly AnyMetricDefinition[];
  /** Timestamp of every datum: the tick. */
  readonly timestamp: Date;
}

export interface HubCollectOptions {
  /** Account-regions in flight at once; default HUB_CONCURRENCY. */
  readonly concurrency?: number;
  /** When ECS and STS calls stop: what is not collected by then is lost. */
  readonly collectDeadline?: AbortSignal;
}

/** An AwsCalls for ECS alone: the hub publishes with its own CloudWatch client, never the spoke's. */
const NO_CLOUDWATCH: Clients['cloudwatch'] = {
  send: () => Promise.reject(new Error('the hub publishes with its own CloudWatch client')),
};

/** `promise`, or a rejection when `signal` aborts first (a shared AssumeRole is not aborted for one caller). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return promise;
  const stopped = () => new Error(`${what} was stopped at its deadline, before the Lambda timeout`);
  if (signal.aborted) return Promise.reject(stopped());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Each listed cluster lost to one failed call, or `*` when the clusters are not even known. */
const allLost = (target: HubTarget, api: HubApiName, reason: string): HubLost[] =>
  (target.clusters === '*' ? ['*'] : target.clusters).map((cluster) => ({ api, cluster, reason }));

async function collectTarget(
  target: HubTarget,
  request: HubCollectRequest,
  state: HubState,
  deadline: AbortSignal | undefined,
): Promise<{ datums: MetricDatum[]; report: AccountRegionReport }> {
  const key = targetKey(target);
  const report = { account: target.account, region: target.region, clusters: 0, services: 0, datums: 0, refusedDatums: 0, retries: 0 };
  const calls = { ListClusters: 0, DescribeClusters: 0, ListServices: 0, DescribeServices: 0 };
  // Not read at all: its listed clusters are unread ("*": how many is not known).
  const unread: AccountRegionHealth = {
    noRunningTask: [],
    pendingTasks: 0,
    unreadClusters: target.clusters === '*' ? [] : target.clusters,
    unread: true,
    shortServices: [],
  };
  const failed = (api: HubApiName, error: unknown) => ({
    datums: [],
    report: { ...report, calls, skipped: [], lost: allLost(target, api, reasonOf(error)), health: unread },
  });

  try {
    await untilAborted(state.credentials.get(target.account), deadline, 'AssumeRole');
  } catch (error) {
    return failed('AssumeRole', error);
  }
  const ecs = state.ecsClients.get(target);
  const skipped: Skipped[] = [];
  let names: readonly string[];
  if (target.clusters === '*') {
    try {
      const discovered = await untilAborted(state.discovery.clusters(key, ecs, deadline), deadline, 'ListClusters');
      calls.ListClusters = discovered.pages;
      names = discovered.names;
      if (discovered.staleBecause) skipped.push({ cluster: '*', reason: `the last cluster list was used: ${discovered.staleBecause}` });
    } catch (error) {
      return failed('ListClusters', error);
    }
  } else {
    names = target.clusters;
  }

  const awsCalls = new AwsCalls({ ecs, cloudwatch: NO_CLOUDWATCH }, { collect: deadline });
  let serviceLists = state.serviceLists.get(key);
  if (!serviceLists) state.serviceLists.set(key, (serviceLists = new ServiceListCache()));
  // The collector's own describing and datum building, then this account-region's place.
  const collected = await collectClusters(
    { names, services: target.services ?? {}, metrics: request.metrics, timestamp: request.timestamp },
    awsCalls,
    serviceLists,
  );
  const { PutMetricData: _none, ...ecsCalls } = awsCalls.calls;
  return {
    datums: withAccountRegion(collected.datums, target),
    report: {
      ...report,
      clusters: collected.clusters,
      services: collected.services,
      datums: collected.datums.length,
      calls: { ...calls, ...ecsCalls },
      retries: awsCalls.retries,
      skipped: [...skipped, ...collected.skipped],
      lost: collected.lost,
      health: collected.health,
    },
  };
}

/**
 * Asks for every account's credentials at once, in the targets' order: a cold container's AssumeRole
 * calls then run (within their bound and pace) ahead of the account-regions in flight, instead of
 * each account-region waiting for its own in turn. Warm, every answer is from the cache. A failure is
 * the account-region's to report (the cache remembers it), not this call's.
 */
function askCredentialsAhead(targets: readonly HubTarget[], state: HubState): void {
  for (const account of new Set(targets.map((t) => t.account))) state.credentials.get(account).catch(() => undefined);
}

/** Collects every target's datums; never throws for one account-region's failure, which its report names. */
export async function collectTargets(request: HubCollectRequest, state: HubState, options: HubCollectOptions = {}): Promise<HubCollection> {
  askCredentialsAhead(request.targets, state);
  const results = await mapBounded(request.targets, options.concurrency ?? HUB_CONCURRENCY, (target) =>
    collectTarget(target, request, state, options.collectDeadline),
  );
  return { datums: results.flatMap((r) => r.datums), reports: results.map((r) => r.report) };
}

/** The account-regions that lost something, e.g. `222222222222/eu-west-1: AssumeRole failed: …`, one per line. */
export function describeLostAccountRegions(reports: readonly AccountRegionReport[]): string {
  return reports
    .filter((r) => r.lost.length > 0)
    .map((r) => {
      const own = r.lost.filter((l) => l.api === 'AssumeRole' || l.api === 'ListClusters');
      const sentences = [...new Set(own.map((l) => `${l.api} failed: ${l.reason}`))];
      const collector = r.lost.filter((l) => l.api !== 'AssumeRole' && l.api !== 'ListClusters') as Lost[];
      if (collector.length > 0) sentences.push(describeLost(collector, r.refusedDatums));
      return `${targetKey(r)}: ${sentences.join('; ')}`;
    })
    .join('\n');
}

/** Characters of one account-region's line in a PublishError with several lines. */
const LINE_CHARS = 300;

/**
 * The PublishError message of a hub tick: how many account-regions lost datums, then their
 * lines (describeLostAccountRegions), as many as fit MAX_ERROR_MESSAGE_CHARS with the count of
 * the rest, so a hub applied before its 1,000 spokes still fails with a message Step Functions carries.
 */
export function lostAccountRegionsMessage(reports: readonly AccountRegionReport[]): string {
  const lines = describeLostAccountRegions(reports)
    .split('\n')
    .filter((line) => line !== '');
  const head = `${lines.length} of ${reports.length} account-regions lost datums, everything else was published:`;
  const lineChars = lines.length === 1 ? MAX_ERROR_MESSAGE_CHARS - head.length - 1 : LINE_CHARS;
  const tail = (rest: number) => (rest > 0 ? `\nand ${rest} more account-regions` : '');
  const shown: string[] = [];
  let length = head.length;
  for (const [i, line] of lines.entries()) {
    const next = `\n${cut(line, lineChars)}`;
    if (length + next.length + tail(lines.length - i - 1).length > MAX_ERROR_MESSAGE_CHARS) break;
    shown.push(next);
    length += next.length;
  }
  return cut(head + shown.join('') + tail(lines.length - shown.length), MAX_ERROR_MESSAGE_CHARS);
}
