/**
 * The hub's sizing and tick check in HCL: the locals that compute, from `var.targets`, what
 * hub-settings.ts and hub-tick.ts compute from literal targets (the collector's memory, its
 * timeout, whether a steady tick finishes), for a hub of one invocation per tick without per-service
 * metrics, which is what the module builds. Every constant comes from the model's own definition;
 * a slow test plans the module and compares with resolveHubSettings. Pure.
 */
import { defaultCollectorTimeout } from '../../../modules/common/settings';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { HUB_MEMORY_STEPS } from '../../../modules/hub/hub-settings';
import { ASSUMED_ORGANIZATION, HUB_COLLECTOR_CONCURRENCY, HUB_MEMORY_NEED } from '../../../modules/hub/hub-tick';
import { assumeRolePaceOf } from '../../../modules/contract/hub-shards';
import { fleetHealthMetricsPublished } from '../../../modules/metrics/fleet-health';
import { API_LIMITS } from '../../../modules/metrics/catalog';
import { COLLECTOR_RUN } from '../../../modules/pipeline/for-hub';
import { IS_EVERY_CLUSTER } from './hub-variables';

/** Lambda's largest memory size (the memory variable's validation bound). */
const MAX_MEMORY_MB = 10_240;
/** Lambda's longest timeout. */
const MAX_TIMEOUT_SECONDS = 900;

/**
 * The sizing locals by name (`local.<name>`), each an HCL expression. With an organization, sized
 * as the construct sizes it: the listed targets and `assumed_discovered_account_regions` more, each "*".
 */
export function hubSizingLocals(organization = false): Record<string, string> {
  const c = HUB_COLLECTOR_CONCURRENCY;
  const m = HUB_MEMORY_NEED;
  const latency = 'var.assumed_call_latency_ms';
  const steps = HUB_MEMORY_STEPS.reduceRight(
    (otherwise, step) => `local.hub_clusters <= ${step.clusters} ? ${step.memoryMb} : (${otherwise})`,
    String(COLLECTOR_RUN.fullVcpuMemoryMb),
  );
  type Kind = 'cold' | 'listing' | 'warm';
  const chainOf = (kind: Kind, t: string) => `${kind === 'warm' ? '' : `${t}.pages + `}ceil(${t}.describe / ${c.callsInFlightPerAccountRegion})`;
  // The listed account-regions' chains (none: 0), and the assumed ones', all alike: counted, not listed (range() stops at 1,024).
  const chains = (kind: Kind) => `concat([0], [for t in local.hub_target_work : ${chainOf(kind, 't')}])`;
  const longest = (kind: Kind) => `max(max(${chains(kind)}...), local.hub_assumed_count > 0 ? ${chainOf(kind, 'local.hub_assumed')} : 0)`;
  const rounds = (kind: Kind) =>
    `max(${longest(kind)}, ceil((sum(${chains(kind)}) + local.hub_assumed_count * (${chainOf(kind, 'local.hub_assumed')})) / ${c.accountRegionsInFlight}))`;
  // A cold tick reads the target list, then asks for every account's role at once, within the pace (hubTickTime).
  const read = (kind: Kind) =>
    kind === 'cold'
      ? `${latency} + max(${latency} + ${rounds(kind)} * ${latency}, local.hub_last_role_ms + ${longest(kind)} * ${latency})`
      : `${rounds(kind)} * ${latency}`;
  const collect = (kind: Kind) => `${read(kind)} + local.hub_cpu_ms`;
  // One invocation a tick (the module has no shards): its AssumeRole pace is the tick's.
  const pace = assumeRolePaceOf(1);
  const reserve = COLLECTOR_RUN.deadlineReserveMs;
  return {
    // Per account-region: its clusters ("*": the assumed count), ListClusters pages where "*", DescribeClusters calls.
    hub_target_work:
      `[for t in var.targets : { clusters = ${IS_EVERY_CLUSTER('t')} ? var.assumed_clusters_per_discovered_region : length(t.clusters), ` +
      `pages = ${IS_EVERY_CLUSTER('t')} ? max(1, ceil(var.assumed_clusters_per_discovered_region / ${API_LIMITS.listServicesPage})) : 0, ` +
      `describe = ceil((${IS_EVERY_CLUSTER('t')} ? var.assumed_clusters_per_discovered_region : length(t.clusters)) / ${API_LIMITS.describeClustersBatch}) }]`,
    // assumedDiscoveredTargets: with an organization, the account-regions the discovery is assumed to find, each "*".
    hub_assumed_count: organization ? 'var.assumed_discovered_account_regions' : '0',
    hub_assumed: `{ clusters = var.assumed_clusters_per_discovered_region, pages = max(1, ceil(var.assumed_clusters_per_discovered_region / ${API_LIMITS.listServicesPage})), describe = ceil(var.assumed_clusters_per_discovered_region / ${API_LIMITS.describeClustersBatch}) }`,
    hub_account_regions: 'length(var.targets) + local.hub_assumed_count',
    // Accounts: the listed ones, and the assumed ones, each with ASSUMED_ORGANIZATION.regionsWithClusters regions (assumedDiscoveredTargets).
    hub_accounts: `length(distinct([for t in var.targets : t.account])) + ceil(local.hub_assumed_count / ${ASSUMED_ORGANIZATION.regionsWithClusters})`,
    // When the last account's role arrives on a cold tick: its pace after the burst, or its turn in flight, then one call.
    hub_last_role_ms: `max(max(0, local.hub_accounts - ${pace.burst}) / ${pace.perSecond} * 1000, (ceil(local.hub_accounts / ${c.assumeRolesInFlight}) - 1) * ${latency}) + ${latency}`,
    hub_clusters: 'sum(concat([0], [for t in local.hub_target_work : t.clusters])) + local.hub_assumed_count * local.hub_assumed.clusters',
    hub_discovers: organization ? 'true' : `anytrue([for t in var.targets : ${IS_EVERY_CLUSTER('t')}])`,
    // hubCollectorMemoryMb: the CPU step of the clusters, or what the process needs to hold them when more.
    hub_memory_need_mb: `(${m.baseMb} + (local.hub_clusters * ${m.kbPerCluster} + local.hub_account_regions * ${m.kbPerAccountRegion}) / 1024) * ${m.headroom}`,
    hub_memory_by_cpu_mb: steps,
    effective_collector_memory_mb: `var.collector_memory_mb != null ? var.collector_memory_mb : (local.hub_memory_need_mb <= local.hub_memory_by_cpu_mb ? local.hub_memory_by_cpu_mb : min(${MAX_MEMORY_MB}, ceil(local.hub_memory_need_mb)))`,
    // hubTickTime: collecting in rounds of one latency, the CPU stretched below a full vCPU; publishing by batches.
    hub_cpu_ms: `(${COLLECTOR_RUN.cpuMsPerInvocation} + local.hub_clusters * ${COLLECTOR_RUN.cpuMsPerCluster}) * max(1, ${COLLECTOR_RUN.fullVcpuMemoryMb} / local.effective_collector_memory_mb)`,
    // The clusters' datums and the fleet-health series' (the module publishes them, without services).
    hub_publish_ms: `ceil(ceil((local.hub_clusters * length(var.metrics) + ${fleetHealthMetricsPublished(false).length}) / ${API_LIMITS.putMetricDataBatch}) / ${c.putMetricDataInFlight}) * ${latency}`,
    hub_collect_ms: `{ cold = ${collect('cold')}, listing = ${collect('listing')}, warm = ${collect('warm')} }`,
    // hubCollectorTimeoutSeconds: the pipeline's default, or longer when the cold tick needs it (hubTimeoutFitting).
    hub_default_timeouts: `{ ${ALLOWED_INTERVALS.map((i) => `"${i}" = ${defaultCollectorTimeout(i)}`).join(', ')} }`,
    hub_cold_timeout_seconds: `min(${MAX_TIMEOUT_SECONDS}, ceil((max(2 * local.hub_collect_ms.cold, local.hub_collect_ms.cold + local.hub_publish_ms) + ${reserve}) / 1000))`,
    effective_collector_timeout_seconds:
      'var.collector_timeout_seconds != null ? var.collector_timeout_seconds : max(local.hub_default_timeouts[var.interval_seconds], local.hub_cold_timeout_seconds)',
    // The steady tick (hubTickProblems): the one that lists "*" account-regions again, else a warm one.
    hub_steady_collect_ms: 'local.hub_discovers ? local.hub_collect_ms.listing : local.hub_collect_ms.warm',
    hub_publish_deadline_ms: `max(0, local.effective_collector_timeout_seconds * 1000 - ${reserve})`,
  };
}

/** The condition of the tick check: the steady tick finishes within the interval and the collector's deadlines. */
export const HUB_TICK_FITS =
  'local.hub_steady_collect_ms + local.hub_publish_ms <= var.interval_seconds * 1000 && local.hub_steady_collect_ms <= floor(local.hub_publish_deadline_ms / 2) && local.hub_steady_collect_ms + local.hub_publish_ms <= local.hub_publish_deadline_ms';

/** The tick check's message: the hub's fleet and the modelled tick against the interval and the deadline, and what to do. */
export function hubTickMessage(organization = false): string {
  const what = organization
    ? 'Set a longer interval_seconds, or, if the organization has fewer account-regions with clusters, set assumed_discovered_account_regions to that count; '
    : 'Collect fewer account-regions per hub (split the accounts into several hubs), set a longer interval_seconds, list the clusters of ["*"] account-regions, or, ';
  return (
    'targets: a tick of this hub cannot finish: at ${var.assumed_call_latency_ms} ms per AWS call (assumed_call_latency_ms), ${local.hub_account_regions} account-regions of ${local.hub_clusters} clusters ' +
    'take about ${ceil(local.hub_steady_collect_ms + local.hub_publish_ms)} ms per tick (collecting ${ceil(local.hub_steady_collect_ms)} ms, publishing ${local.hub_publish_ms} ms) ' +
    "against the ${var.interval_seconds}-s interval and the collector's collect deadline of ${floor(local.hub_publish_deadline_ms / 2)} ms (half its ${local.effective_collector_timeout_seconds}-s timeout less " +
    `${COLLECTOR_RUN.deadlineReserveMs} ms). ${what}if you measured a lower latency from the hub, set assumed_call_latency_ms to it.`
  );
}
