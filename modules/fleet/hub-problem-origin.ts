/**
 * What only the whole hub or a whole spoke shows (a service of a cluster that is not listed, a
 * per-service metric with no services, a spoke role whose reads outgrow IAM's limits, a name too
 * long for the target bucket), found by the constructs' own pure checks on the props the fleet
 * builds (hub-props.ts), and reported where the config writes the setting.
 */
import { partitionOf } from '../common/environment';
import { describeProblem, formatPath, type Problem } from '../common/errors';
import { type HubProblemNames, hubProblems } from '../hub/hub-problems';
import { resolveHubSettings } from '../hub/hub-settings';
import { spokePlan } from '../hub/spoke-plan';
import type { FleetConfig } from './config';
import { hubProps, hubTargets, spokeProps } from './hub-props';

type Path = ReadonlyArray<string | number>;

/** Config paths of the hub props fields that are not pipeline settings (those are in `defaults`). */
const HUB_FIELDS: Readonly<Record<string, Path>> = {
  name: ['name'],
  externalId: ['hub', 'externalId'],
  organizationId: ['hub', 'organizationId'],
  account: ['hub', 'account'],
  region: ['hub', 'region'],
  targets: ['accounts'],
  assumedCallLatencyMs: ['hub', 'assumedCallLatencyMs'],
  assumedClustersPerDiscoveredRegion: ['hub', 'assumedClustersPerDiscoveredRegion'],
  assumedDiscoveredAccountRegions: ['hub', 'assumedDiscoveredAccountRegions'],
  shards: ['hub', 'shards'],
};

/** The config path of account-region `region` of account `accountIndex`. */
const regionPath = (accountIndex: number, region: string): Path => ['accounts', accountIndex, 'regions', region];

type Targets = ReadonlyArray<{ readonly accountIndex: number; readonly region: string }>;

/** What a hub problem's text refers to, named as the config writes it: each target is an account-region. */
const configNames = (targets: Targets): HubProblemNames => ({
  assumedCallLatencyMs: 'hub.assumedCallLatencyMs',
  assumedClustersPerDiscoveredRegion: 'hub.assumedClustersPerDiscoveredRegion',
  assumedDiscoveredAccountRegions: 'hub.assumedDiscoveredAccountRegions',
  intervalSeconds: 'defaults.intervalSeconds',
  collectorTimeoutSeconds: 'defaults.collectorTimeoutSeconds',
  shards: 'hub.shards',
  target: (index) => formatPath(regionPath(targets[index].accountIndex, targets[index].region)),
});

/** A props field's path at its config path: the field's own place from `fields`, else the pipeline setting in `defaults`. */
const atConfigPath = (path: Path, fields: Readonly<Record<string, Path>>): Path => [...(fields[path[0]] ?? ['defaults', path[0]]), ...path.slice(1)];

/**
 * A problem about `targets[i]…` placed at the account-region of target i, or at `defaults.services`
 * when the target's services are inherited from there.
 */
function placeTargetProblem(config: FleetConfig, { path, problem }: Problem, targets: Targets): Problem | undefined {
  const index = path[1];
  const target = path[0] === 'targets' && typeof index === 'number' ? targets[index] : undefined;
  if (!target) return undefined;
  // The region is the key of its config path: a problem of a target's region is the account-region's.
  const rest = path.length === 3 && path[2] === 'region' ? [] : path.slice(2);
  const at = regionPath(target.accountIndex, target.region);
  const inherited = rest[0] === 'services' && config.accounts[target.accountIndex].regions[target.region].services === undefined;
  return inherited ? { path: ['defaults', ...rest], problem: `${problem} (in ${formatPath(at)})` } : { path: [...at, ...rest], problem };
}

/** The problems of the hub pipeline's props, at their config paths. */
function hubConfigPathProblems(config: FleetConfig): Problem[] {
  const props = hubProps(config);
  const env = { partition: partitionOf(props.region!), region: props.region!, account: props.account! };
  const targets = config.accounts.flatMap((account, accountIndex) => Object.keys(account.regions).map((region) => ({ accountIndex, region })));
  return hubProblems(resolveHubSettings(props), env, props, configNames(targets)).map(
    (p) => placeTargetProblem(config, p, targets) ?? { path: atConfigPath(p.path, HUB_FIELDS), problem: p.problem },
  );
}

/** The problems of each member account's spoke props, at their config paths. */
function spokeConfigPathProblems(config: FleetConfig): Problem[] {
  return config.accounts.flatMap((account, accountIndex) => {
    const plan = spokePlan(spokeProps(config, account));
    if (!('problems' in plan)) return [];
    const targets = Object.keys(account.regions).map((region) => ({ accountIndex, region }));
    const fields: Record<string, Path> = {
      name: ['name'],
      account: ['accounts', accountIndex, 'id'],
      targets: ['accounts', accountIndex, 'regions'],
      externalId: ['hub', 'externalId'],
      organizationId: ['hub', 'organizationId'],
      // The spoke's hub.rolePath is the hub pipeline's rolePath, a setting of defaults.
      hub: ['hub'],
    };
    return plan.problems.map((p): Problem => {
      const placed = placeTargetProblem(config, p, targets);
      if (placed) return placed;
      if (p.path[0] === 'hub' && p.path[1] === 'rolePath' && p.path.length === 2) return { path: ['defaults', 'rolePath'], problem: p.problem };
      return { path: atConfigPath(p.path, fields), problem: p.problem };
    });
  });
}

/** Every problem of a hub-topology config's hub and spokes, each once, at the path to change. */
export function hubConfigProblems(config: FleetConfig): Problem[] {
  // hubTargets is what the hub collects; an empty fleet has been refused by the schema already.
  if (hubTargets(config).length === 0 && config.organization === undefined) return [];
  const once = new Map<string, Problem>();
  for (const problem of [...hubConfigPathProblems(config), ...spokeConfigPathProblems(config)]) {
    const line = describeProblem(problem);
    if (!once.has(line)) once.set(line, problem);
  }
  return [...once.values()];
}
