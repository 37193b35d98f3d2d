/** The tags a fleet config puts on a stack's resources: the most specific setting wins. */
import type { AccountConfig, PipelineDefaults, RegionConfig } from './config-fields';

/** The tags of one account-region: defaults, then the account's, then the region's (the most specific wins). */
export function mergedTags(
  defaults: PipelineDefaults | undefined,
  account: Pick<AccountConfig, 'tags'>,
  region: Pick<RegionConfig, 'tags'>,
): Record<string, string> {
  return { ...defaults?.tags, ...account.tags, ...region.tags };
}

/** The tags of a spoke stack (topology "hub"): the defaults', then the account's (the more specific wins). */
export function spokeTags(defaults: PipelineDefaults | undefined, account: Pick<AccountConfig, 'tags'>): Record<string, string> {
  return { ...defaults?.tags, ...account.tags };
}
