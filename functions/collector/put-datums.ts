/**
 * PutMetricData of one tick's datums, 1,000 a request, every request sent even when another
 * fails: shared by the per-account-region collector and the hub, which differ only in whom
 * they charge a refused request to (a cluster, or an account-region and its clusters).
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { API_LIMITS } from '../../modules/metrics/catalog';
import { AwsCalls, reasonOf } from './aws-calls';
import { chunk } from './chunk';

/** The datums of one request CloudWatch refused (after the SDK's retries), and why. */
export interface RefusedRequest {
  readonly datums: readonly MetricDatum[];
  /** The error, `Name: message`. */
  readonly reason: string;
}

/** Sends `datums` into `namespace`; resolves with the refused requests (none: everything was published). */
export async function putDatums(namespace: string, datums: readonly MetricDatum[], calls: AwsCalls): Promise<RefusedRequest[]> {
  const chunks = chunk(datums, API_LIMITS.putMetricDataBatch);
  const results = await Promise.allSettled(chunks.map((metricData) => calls.putMetricData({ Namespace: namespace, MetricData: metricData })));
  return results.flatMap((result, i) => (result.status === 'rejected' ? [{ datums: chunks[i], reason: reasonOf(result.reason) }] : []));
}

/** How many datums the refused requests carried. */
export const refusedCount = (refused: readonly RefusedRequest[]) => refused.reduce((n, r) => n + r.datums.length, 0);
