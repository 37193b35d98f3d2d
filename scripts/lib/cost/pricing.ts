/**
 * What `npm run cost` prices: the settings MetricsFleet resolves from a fleet config (the same pure
 * functions its constructs build from), as pipelines per account-region and as one hub, without
 * building a construct.
 */
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { fleetCost, type FleetCost, type PricedStack } from '../../../modules/cost/fleet-cost';
import { cheaperTopology, hubCost, type HubCostReport, type HubShards, hubShardsOf, type Topology, UNSHARDED } from '../../../modules/cost/hub-cost';
import { monitoringFactsOfSettings } from '../../../modules/cost/pipeline-description';
import type { FleetConfig } from '../../../modules/fleet/config';
import { hubProps } from '../../../modules/fleet/hub-props';
import { fleetStackName, hubStackName } from '../../../modules/fleet/naming';
import { pipelineProps } from '../../../modules/fleet/pipeline-props';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import { hubTickWork } from '../../../modules/hub/hub-tick';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';

/** What the prices are and where each is written down with its AWS source page: the repository's COSTS.md. */
export const PRICES_SOURCE =
  "us-east-1 list prices, free tiers ignored but EventBridge Scheduler's (its line says why); each price and limit with its AWS source page in COSTS.md (repository root)";

/** The config as pipelines per account-region: the hub's own fields left out, everything else as written. */
function perAccountRegion(config: FleetConfig): FleetConfig {
  const { topology: _topology, hub: _hub, ...rest } = config;
  return rest;
}

/** The pipeline MetricsFleet would build for every account-region of the config (as pipelines per account-region), with the account and region of each. */
function pricedStacks(config: FleetConfig): Array<PricedStack & { readonly account: string; readonly region: string }> {
  const asPipelines = perAccountRegion(config);
  // A hub config's assumption of the clusters of a "*" account-region holds for both topologies.
  const discovered = config.hub?.assumedClustersPerDiscoveredRegion;
  const assumed = discovered !== undefined ? { assumed: { clustersPerDiscoveredRegion: discovered } } : {};
  return asPipelines.accounts.flatMap((account) =>
    Object.entries(account.regions).map(([region, regionConfig]) => {
      const settings = resolvePipelineSettings(pipelineProps(asPipelines, account, region, regionConfig));
      return {
        name: fleetStackName(config.name, account.id, region),
        account: account.id,
        region,
        settings,
        monitoring: monitoringFactsOfSettings(settings),
        ...assumed,
      };
    }),
  );
}

/** The cost of the fleet a config describes, as pipelines per account-region (nothing is synthesized). */
export function priceFleet(config: FleetConfig): FleetCost {
  return fleetCost(pricedStacks(config));
}

/** The same fleet in both topologies, and which costs less. */
export interface TopologyComparison {
  /** The topology the config deploys. */
  readonly configured: Topology;
  readonly accountRegion: FleetCost;
  readonly hub: HubCostReport;
  /** The hub's stack: the config's, or where a hub would be (its first account-region). */
  readonly hubStack: string;
  readonly cheaper: Topology;
  readonly savingUsd: number;
  /**
   * An organization config: the hub as synth builds it (sized for the organization the config
   * assumes: its collector's memory and timeout, its shards), priced running the organization the
   * command assumes (which may be larger or smaller).
   */
  readonly builtFor?: { readonly accountRegions: number; readonly clusters: number; readonly memoryMb: number; readonly shards: number };
}

export interface PricingOptions {
  /**
   * The config as written, when `config` lists an assumed organization instead of its `organization`
   * (withAssumedOrganization): the hub is then priced as this config builds it.
   */
  readonly builtFrom?: FleetConfig;
}

/**
 * Both topologies of a config. A hub config's hub is the one it builds (hubProps: its settings,
 * targets and tick assumptions); for a per-account-region config, a hub in its first account-region
 * running its defaults and collecting every account-region's clusters and services.
 */
export function priceTopologies(config: FleetConfig, options: PricingOptions = {}): TopologyComparison {
  const stacks = pricedStacks(config);
  const accountRegion = fleetCost(stacks);
  let hubSettings;
  let shards: HubShards = UNSHARDED;
  let builtFor: TopologyComparison['builtFor'];
  if (config.topology === 'hub') {
    const props = hubProps(config);
    hubSettings = resolveHubSettings(props);
    // The invocations per tick the hub construct builds (its settings decide them; "auto": the tick model).
    shards = hubShardsOf(props, hubSettings.shards);
    if (options.builtFrom) {
      // Synth sizes the hub (memory, timeout, shards) for the organization the config assumes; it then runs whatever the organization holds.
      const builtProps = hubProps(options.builtFrom);
      const built = resolveHubSettings(builtProps);
      shards = hubShardsOf(builtProps, built.shards);
      builtFor = {
        accountRegions: built.sizedTargets.length,
        clusters: hubTickWork(built.sizedTargets, [], built.tick).clusters,
        memoryMb: built.pipeline.collectorMemoryMb,
        shards: built.shards,
      };
      hubSettings = { ...hubSettings, pipeline: built.pipeline };
    }
  } else {
    const { tags: _tags, services: _services, ...defaults } = config.defaults ?? {};
    const targets: TargetListEntry[] = stacks.map((s) => ({
      account: s.account,
      region: s.region,
      clusters: s.settings.clusters,
      ...(Object.keys(s.settings.services).length > 0 ? { services: s.settings.services } : {}),
    }));
    // The hub's settings as the hub construct resolves them (its collector's memory and timeout are sized from the fleet).
    hubSettings = resolveHubSettings({ ...defaults, name: config.name, account: stacks[0].account, region: stacks[0].region, targets });
  }
  const hubAccount = config.topology === 'hub' ? config.hub!.account : stacks[0].account;
  const hubRegion = config.topology === 'hub' ? config.hub!.region : stacks[0].region;
  const hub = hubCost({ settings: hubSettings.pipeline, targets: hubSettings.targets, tick: hubSettings.tick, shards });
  const cheaper = cheaperTopology(accountRegion.design.usd, hub.design.usd);
  return {
    configured: config.topology ?? 'account-region',
    accountRegion,
    hub,
    hubStack: hubStackName(config.name, hubAccount, hubRegion),
    cheaper: cheaper.topology,
    savingUsd: cheaper.savingUsd,
    ...(builtFor ? { builtFor } : {}),
  };
}
