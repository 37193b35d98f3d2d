/**
 * How long a collector run takes, as every estimate here assumes it (the cost model, the hub's
 * sizing and its synth-time check): CPU per invocation and per cluster at one full vCPU,
 * stretched below 1,769 MB, and the deadlines the collector sets itself from its Lambda timeout
 * (functions/collector/index.ts: collecting stops halfway to the timeout less DEADLINE_RESERVE_MS,
 * publishing at it). Pure; `npm run bench` measures what can be measured of it.
 */

export const COLLECTOR_RUN = {
  /**
   * One in-region API call on a warm connection. The collector makes its calls in sequential
   * rounds; the calls of one round run in parallel, so the round costs one round trip.
   */
  apiRoundTripMs: 50,
  /**
   * CPU per invocation at one full vCPU: SDK middleware, signing, event parsing, the log line.
   * BENCHMARKS.md measures about 1 ms for one cluster with a stubbed HTTP layer; 2 ms leaves room for TLS.
   */
  cpuMsPerInvocation: 2,
  /** CPU per cluster at one full vCPU: parse it, build and serialize its datums (measured: about 0.015 ms). */
  cpuMsPerCluster: 0.02,
  /** CPU per service with per-service metrics, at one full vCPU, priced like a cluster. */
  cpuMsPerService: 0.02,
  /** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below, so CPU time stretches. */
  fullVcpuMemoryMb: 1769,
  /** What the collector keeps back from its Lambda timeout (DEADLINE_RESERVE_MS of functions/collector/index.ts). */
  deadlineReserveMs: 500,
} as const;

/** CPU time of a run of `clusters` and `services` at `memoryMb`: its CPU share stretches it below a full vCPU. */
export function collectorCpuMs(work: { readonly clusters: number; readonly services: number; readonly memoryMb: number }): number {
  const c = COLLECTOR_RUN;
  const cpuMs = c.cpuMsPerInvocation + work.clusters * c.cpuMsPerCluster + work.services * c.cpuMsPerService;
  return cpuMs * Math.max(1, c.fullVcpuMemoryMb / work.memoryMb);
}

/**
 * The collector's own deadlines for a Lambda timeout: publishing stops DEADLINE_RESERVE_MS before
 * it, collecting halfway there (what is not collected by then is lost for the tick).
 */
export function collectorDeadlinesMs(timeoutSeconds: number): { readonly collectMs: number; readonly publishMs: number } {
  const publishMs = Math.max(0, timeoutSeconds * 1000 - COLLECTOR_RUN.deadlineReserveMs);
  return { collectMs: Math.floor(publishMs / 2), publishMs };
}
