/**
 * The hub publishes every member account-region's clusters into one account and region, where two
 * accounts may both have a cluster called `prod`: each datum also names its account and region.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { HubTarget } from './targets';

/** Dimension with the member account's 12-digit ID. */
export const ACCOUNT_DIMENSION = 'AccountId';

/** Dimension with the member region, e.g. `eu-west-1`. */
export const REGION_DIMENSION = 'Region';

/** The datums of one account-region, each with the account and region after its own dimensions. */
export function withAccountRegion(datums: readonly MetricDatum[], target: Pick<HubTarget, 'account' | 'region'>): MetricDatum[] {
  const place = [
    { Name: ACCOUNT_DIMENSION, Value: target.account },
    { Name: REGION_DIMENSION, Value: target.region },
  ];
  return datums.map((datum) => ({ ...datum, Dimensions: [...(datum.Dimensions ?? []), ...place] }));
}
