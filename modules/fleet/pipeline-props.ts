/**
 * The props of one account-region's pipeline, from the fleet config: pure, so validating a
 * config loads no construct.
 */
import type { EcsHighResMetricsProps } from '../pipeline/props';
import type { AccountConfig, FleetConfig, RegionConfig } from './config';

/**
 * The pipeline of one account-region: the fleet's defaults, overridden by the region's settings
 * (a region's value replaces the default's whole value). Tags are left out: FleetStack sets
 * them on the provider, merged by mergedTags.
 */
export function pipelineProps(config: FleetConfig, account: AccountConfig, region: string, regionConfig: RegionConfig): EcsHighResMetricsProps {
  const { tags: _defaultTags, ...defaults } = config.defaults ?? {};
  const { clusters, tags: _regionTags, ...overrides } = regionConfig;
  return {
    ...defaults,
    ...overrides,
    name: config.name,
    clusters,
    account: account.id,
    region,
  };
}
