/**
 * PutMetricData of the hub's datums into the hub's own account and region, 1,000 a request; every
 * request is sent even when another fails, and a refused request is charged to the
 * account-regions (and clusters) whose datums it carried, so the invocation's error names them.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CLUSTER_DIMENSION } from '../../../modules/metrics/catalog';
import type { AwsCalls } from '../aws-calls';
import { subjectOf } from '../fleet-health';
import { putDatums } from '../put-datums';
import type { AccountRegionReport, HubLost } from './collect-targets';
import { ACCOUNT_DIMENSION, REGION_DIMENSION } from './hub-dimensions';
import { targetKey } from './targets';

export interface HubPublication {
  /** Datums CloudWatch accepted. */
  readonly published: number;
  /** Datums of refused requests. */
  readonly refused: number;
  /** The reports, each with its PutMetricData losses added. */
  readonly reports: readonly AccountRegionReport[];
  /** Refused datums of no account-region (the hub's fleet health), charged to `Pipeline=<name>`, once per reason. */
  readonly hubLost: readonly HubLost[];
}

const dimension = (datum: MetricDatum, name: string) => datum.Dimensions?.find((d) => d.Name === name)?.Value ?? '?';

/** Publishes `datums` with the hub's CloudWatch client (`calls`), and charges each refused request to its account-regions. */
export async function publishHubDatums(
  namespace: string,
  datums: readonly MetricDatum[],
  reports: readonly AccountRegionReport[],
  calls: AwsCalls,
): Promise<HubPublication> {
  const refusedRequests = await putDatums(namespace, datums, calls);
  // Per account-region, per cluster: the reason its datums were refused (once per cluster and reason).
  const refusedBy = new Map<string, Map<string, Set<string>>>();
  const refusedCount = new Map<string, number>();
  const hubLost = new Map<string, HubLost>();
  let refused = 0;
  for (const { datums: ofRequest, reason } of refusedRequests) {
    refused += ofRequest.length;
    for (const datum of ofRequest) {
      if (!datum.Dimensions?.some((d) => d.Name === ACCOUNT_DIMENSION)) {
        const subject = subjectOf(datum);
        hubLost.set(JSON.stringify([subject, reason]), { api: 'PutMetricData', cluster: subject, reason });
        continue;
      }
      const key = targetKey({ account: dimension(datum, ACCOUNT_DIMENSION), region: dimension(datum, REGION_DIMENSION) });
      refusedCount.set(key, (refusedCount.get(key) ?? 0) + 1);
      let clusters = refusedBy.get(key);
      if (!clusters) refusedBy.set(key, (clusters = new Map()));
      const cluster = dimension(datum, CLUSTER_DIMENSION);
      let reasons = clusters.get(cluster);
      if (!reasons) clusters.set(cluster, (reasons = new Set()));
      reasons.add(reason);
    }
  }
  return {
    published: datums.length - refused,
    refused,
    hubLost: [...hubLost.values()],
    reports: reports.map((report) => {
      const clusters = refusedBy.get(targetKey(report));
      if (!clusters) return report;
      const lost: HubLost[] = [...clusters].flatMap(([cluster, reasons]) => [...reasons].map((reason) => ({ api: 'PutMetricData' as const, cluster, reason })));
      return { ...report, refusedDatums: refusedCount.get(targetKey(report)) ?? 0, lost: [...report.lost, ...lost] };
    }),
  };
}
