/**
 * The spoke role of an organization's accounts, from what the hub and the spoke agree on: one
 * function gives its documents to the StackSet's template and to a Terraform spoke role alike, so
 * the two cannot drift (a test compares them). Pure.
 */
import { partitionOf } from '../common/environment';
import type { PolicyDocument } from '../common/policy-document';
import { DEFAULT_METRICS, SERVICE_METRIC_NAMES } from '../metrics/catalog';
import { fleetNameOf, hubCollectorRoleArn } from './hub-names';
import { hubDiscoveryRoleArn } from './organization-names';
import { type OrganizationRegions, organizationSpokePermissionPolicy, organizationSpokeTrustPolicy } from './organization-policies';

export interface OrganizationSpokeRoleOptions {
  /** The fleet's name. @default 'ecs-highres' */
  readonly name?: string;
  /** The member account, or TEMPLATE_ACCOUNT in the StackSet's template. */
  readonly account: string;
  readonly hub: { readonly account: string; readonly region: string; readonly rolePath?: string };
  readonly regions: OrganizationRegions;
  /** @default the blog's four */
  readonly metrics?: readonly string[];
  readonly externalId?: string;
}

/** The trust and permission documents of an organization's spoke role. */
export function organizationSpokeRole(o: OrganizationSpokeRoleOptions): { readonly trust: PolicyDocument; readonly permissions: PolicyDocument } {
  const name = fleetNameOf(o.name);
  const partition = partitionOf(o.hub.region);
  const hub = { partition, account: o.hub.account, region: o.hub.region, name, rolePath: o.hub.rolePath };
  const options = {
    partition,
    account: o.account,
    hubAccount: o.hub.account,
    hubCollectorRoleArn: hubCollectorRoleArn(hub),
    hubDiscoveryRoleArn: hubDiscoveryRoleArn(hub),
    regions: o.regions,
    withServices: (o.metrics ?? DEFAULT_METRICS).some((m) => SERVICE_METRIC_NAMES.includes(m)),
    ...(o.externalId !== undefined ? { externalId: o.externalId } : {}),
  };
  return { trust: organizationSpokeTrustPolicy(options), permissions: organizationSpokePermissionPolicy(options) };
}
