/**
 * The props of topology "hub" from the fleet config: the hub pipeline's and each member account's
 * spoke role's. Pure, beside pipeline-props.ts, so validating a config loads no construct.
 */
import type { TargetListEntry } from '../contract/hub-target-list';
import { spokePropsOfHub } from '../hub/hub-pairing';
import type { EcsHighResMetricsHubProps, EcsHighResMetricsOrganizationProps, EcsHighResMetricsSpokeProps, HubOrganizationProps } from '../hub/props';
import type { AccountConfig, FleetConfig, HubConfig, OrganizationConfig } from './config';

/** The hub of a config that has one: validation guarantees it with topology "hub". */
function hubOf(config: FleetConfig): HubConfig {
  if (config.topology !== 'hub' || config.hub === undefined) {
    throw new Error(`the fleet config "${config.name}" has no hub: set "topology": "hub" and hub { account, region }`);
  }
  return config.hub;
}

/**
 * One member account-region of the hub's target list: its clusters (a list, or "*") and its
 * services (the region's, else the defaults', as a pipeline would inherit them).
 */
function targetOf(config: FleetConfig, account: AccountConfig, region: string): TargetListEntry {
  const regionConfig = account.regions[region];
  const services = regionConfig.services ?? config.defaults?.services;
  return {
    account: account.id,
    region,
    clusters: regionConfig.clusters,
    ...(services !== undefined ? { services } : {}),
  };
}

/** Every member account-region, in the config's order: what the hub collects. */
export function hubTargets(config: FleetConfig): TargetListEntry[] {
  return config.accounts.flatMap((account) => Object.keys(account.regions).map((region) => targetOf(config, account, region)));
}

/**
 * The hub pipeline: the defaults' settings (tags and services aside: tags go on the hub stack's
 * provider, services into each target), in the hub account-region, collecting every target.
 */
export function hubProps(config: FleetConfig): EcsHighResMetricsHubProps {
  const hub = hubOf(config);
  const { tags: _tags, services: _services, ...defaults } = config.defaults ?? {};
  return {
    ...defaults,
    name: config.name,
    account: hub.account,
    region: hub.region,
    targets: hubTargets(config),
    ...(hub.externalId !== undefined ? { externalId: hub.externalId } : {}),
    ...(hub.organizationId !== undefined ? { organizationId: hub.organizationId } : {}),
    ...(hub.assumedCallLatencyMs !== undefined ? { assumedCallLatencyMs: hub.assumedCallLatencyMs } : {}),
    ...(hub.assumedClustersPerDiscoveredRegion !== undefined ? { assumedClustersPerDiscoveredRegion: hub.assumedClustersPerDiscoveredRegion } : {}),
    ...(hub.assumedDiscoveredAccountRegions !== undefined ? { assumedDiscoveredAccountRegions: hub.assumedDiscoveredAccountRegions } : {}),
    ...(hub.shards !== undefined ? { shards: hub.shards } : {}),
    ...(config.organization !== undefined ? { organization: hubOrganizationOf(config.organization) } : {}),
  };
}

/** What the hub needs of the organization: where its Organizations read role is, and what to find. */
function hubOrganizationOf(organization: OrganizationConfig): HubOrganizationProps {
  return {
    account: organization.account,
    units: organization.units,
    regions: organization.regions,
    ...(organization.exclude !== undefined ? { exclude: organization.exclude } : {}),
  };
}

/**
 * The organization stack's construct: the StackSet of spoke roles for the units (leaving out the
 * excluded accounts) and the Organizations read role, agreeing with the hub on names, trust and
 * metrics; tags are the defaults', set on the stack's provider and on the StackSet's roles.
 */
export function organizationProps(config: FleetConfig): EcsHighResMetricsOrganizationProps {
  const hub = hubOf(config);
  const organization = config.organization;
  if (organization === undefined) throw new Error(`the fleet config "${config.name}" has no organization`);
  const d = config.defaults ?? {};
  return {
    name: config.name,
    hub: { account: hub.account, region: hub.region, ...(d.rolePath !== undefined ? { rolePath: d.rolePath } : {}) },
    units: organization.units,
    regions: organization.regions,
    ...(organization.exclude !== undefined ? { exclude: organization.exclude } : {}),
    ...(organization.administrator !== undefined ? { administrator: organization.administrator } : {}),
    ...(hub.externalId !== undefined ? { externalId: hub.externalId } : {}),
    ...(d.metrics !== undefined ? { metrics: d.metrics } : {}),
    ...(d.permissionsBoundary !== undefined ? { permissionsBoundary: d.permissionsBoundary } : {}),
    ...(d.tags !== undefined && Object.keys(d.tags).length > 0 ? { tags: d.tags } : {}),
  };
}

/**
 * The spoke role of one member account: what it must agree on with the hub taken from the hub's
 * props (as EcsHighResMetricsSpoke.forHub takes it), with the defaults' permissions boundary. Tags
 * are left out: the spoke stack sets them on its provider (defaults' tags, then the account's).
 */
export function spokeProps(config: FleetConfig, account: AccountConfig): EcsHighResMetricsSpokeProps {
  const hub = hubOf(config);
  const boundary = config.defaults?.permissionsBoundary;
  return {
    ...spokePropsOfHub({ ...hubProps(config), account: hub.account, region: hub.region }, account.id),
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
  };
}
