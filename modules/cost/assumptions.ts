/**
 * What the cost model assumes where AWS bills something this code cannot know in advance:
 * how long the collector runs, how much it logs, how much memory an Express execution uses.
 * Each value says where it comes from; `npm run bench` measures what can be measured here.
 */
import type { Architecture } from '../common/settings';
import { HUB_COLLECTOR_CONCURRENCY } from '../hub/hub-tick';
import { COLLECTOR_RUN } from '../pipeline/collector-run';
import { ASSUMED_DISCOVERED_CLUSTERS, ASSUMED_SERVICES_PER_WILDCARD_CLUSTER } from '../monitoring/watched-places';

export const COST_ASSUMPTIONS = {
  collector: {
    /**
     * The collector's run: one round trip per sequential round of calls (DescribeClusters,
     * (DescribeServices,) then PutMetricData), CPU per invocation and per cluster at one full
     * vCPU, stretched below 1,769 MB (modules/pipeline/collector-run.ts, shared with the hub's sizing).
     */
    apiRoundTripMs: COLLECTOR_RUN.apiRoundTripMs,
    cpuMsPerInvocation: COLLECTOR_RUN.cpuMsPerInvocation,
    cpuMsPerCluster: COLLECTOR_RUN.cpuMsPerCluster,
    cpuMsPerService: COLLECTOR_RUN.cpuMsPerService,
    fullVcpuMemoryMb: COLLECTOR_RUN.fullVcpuMemoryMb,
    /**
     * Bytes logged per invocation: one JSON summary line in Lambda's JSON envelope (timestamp,
     * level, request ID). `npm run bench` measures it: 284 to 292 bytes for the foundation's line,
     * 345 to 354 with its call counts and failure fields. The system log level WARN keeps
     * Lambda's START and REPORT lines out.
     */
    logBytesPerInvocation: 350,
  },
  stateMachine: {
    /**
     * Memory an Express execution is billed for. AWS estimates it from the definition and
     * payload sizes; ours are kilobytes (a 12-branch definition, a cluster list), so the first
     * 64 MB step.
     */
    expressBilledMemoryMb: 64,
    /** Bytes of one execution-history log event without execution data (level ALL only). */
    logEventBytes: 300,
  },
  /** Services assumed per cluster whose service list is "*" (all of them), unknown until run time. */
  servicesPerWildcardCluster: ASSUMED_SERVICES_PER_WILDCARD_CLUSTER,
  /** Clusters assumed in an account-region whose clusters are "*" (found at run time); the dashboards reserve room for as many. */
  clustersPerDiscoveredRegion: ASSUMED_DISCOVERED_CLUSTERS,
  /**
   * The hub's collector (functions/collector/hub): per tick, account-regions in rounds of
   * `accountRegionsInFlight` (HUB_CONCURRENCY), then PutMetricData of 1,000 datums,
   * `putMetricDataInFlight` requests at once; one round trip a round. At most one GET of the
   * target list a minute per warm container, so one a minute is priced.
   */
  hub: {
    accountRegionsInFlight: HUB_COLLECTOR_CONCURRENCY.accountRegionsInFlight,
    putMetricDataInFlight: HUB_COLLECTOR_CONCURRENCY.putMetricDataInFlight,
    targetListGetsPerMinute: 1,
  },
  /** The blog's own Lambda, as it describes it. */
  blog: {
    /** "my average Lambda function execution time ... is only about 250 milliseconds"; Lambda now bills per 1 ms. */
    collectorDurationMs: 250,
    memoryMb: 128,
    /** Python 3.6 on Lambda in 2017: x86 only. */
    architecture: 'x86_64' as Architecture,
    /**
     * Plain-text logs per invocation: Lambda's START, END and REPORT lines (about 270 bytes)
     * and the function's three print() lines (about 90 bytes).
     */
    logBytesPerInvocation: 360,
  },
} as const;
