/**
 * What only the whole hub or a whole spoke shows (a service of a cluster that is not listed, a
 * per-service metric with no services, a spoke role whose reads outgrow IAM's limits, a name too
 * long for the target bucket), found by the constructs' own pure checks on the props the fleet
 * builds (hub-props.ts), and reported where the config writes the setting.
 */
import { partitionOf } from '../common/environment';
import { hubProblems } from '../hub/hub-problems';
import { resolveHubSettings } from '../hub/hub-settings';
import { spokePlan } from '../hub/spoke-plan';
import type { FleetConfig } from './config';
import { hubProps, hubTargets, spokeProps } from './hub-props';

/** Config paths of the props fields that are not pipeline settings (those are in `defaults`). */
const HUB_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  externalId: 'hub.externalId',
  organizationId: 'hub.organizationId',
  account: 'hub.account',
  region: 'hub.region',
  targets: 'accounts',
  assumedCallLatencyMs: 'hub.assumedCallLatencyMs',
  assumedClustersPerDiscoveredRegion: 'hub.assumedClustersPerDiscoveredRegion',
};

/** The settings a hub's tick problem names, as the config writes them. */
const TICK_SETTING_PATHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bassumedCallLatencyMs\b/g, 'hub.assumedCallLatencyMs'],
  [/\bassumedClustersPerDiscoveredRegion\b/g, 'hub.assumedClustersPerDiscoveredRegion'],
  [/\bintervalSeconds\b/g, 'defaults.intervalSeconds'],
  [/\bcollectorTimeoutSeconds\b/g, 'defaults.collectorTimeoutSeconds'],
];

/** A tick problem's message with the settings it names at their config paths. */
export function tickMessageAtConfigPaths(message: string): string {
  return TICK_SETTING_PATHS.reduce((text, [name, at]) => text.replace(name, at), message);
}

/** A problem line `field…: message` split at its field (a name, then any `.x` or `[n]`). */
function split(line: string): { field: string; rest: string; message: string } {
  const match = /^([A-Za-z$]+)((?:\.[\w$*-]+|\[\d+\])*): ([\s\S]*)$/.exec(line);
  return match ? { field: match[1], rest: match[2], message: match[3] } : { field: '', rest: '', message: line };
}

/** The config path of account-region `region` of account `accountIndex`. */
const regionPath = (accountIndex: number, region: string) => `accounts[${accountIndex}].regions.${region}`;

/**
 * A line about `targets[i]…` placed at the account-region of target i, or at `defaults.services`
 * when the target's services are inherited from there; `targets[i]` in the message is renamed too.
 */
function placeTargetLine(config: FleetConfig, line: string, targets: ReadonlyArray<{ accountIndex: number; region: string }>): string | undefined {
  const match = /^targets\[(\d+)\]([^:]*): ([\s\S]*)$/.exec(line);
  const target = match && targets[Number(match[1])];
  if (!match || !target) return undefined;
  const [, index, field, message] = match;
  // The region is the key of its config path: a problem of a target's region is the account-region's.
  const rest = field === '.region' ? '' : field;
  const at = regionPath(target.accountIndex, target.region);
  const renamed = message.split(`targets[${index}]`).join(at);
  const inherited = rest.startsWith('.services') && config.accounts[target.accountIndex].regions[target.region].services === undefined;
  return inherited ? `defaults${rest}: ${renamed} (in ${at})` : `${at}${rest}: ${renamed}`;
}

/** The problems of the hub pipeline's props, at their config paths. */
function hubLines(config: FleetConfig): string[] {
  const props = hubProps(config);
  const env = { partition: partitionOf(props.region!), region: props.region!, account: props.account! };
  const targets = config.accounts.flatMap((account, accountIndex) => Object.keys(account.regions).map((region) => ({ accountIndex, region })));
  return hubProblems(resolveHubSettings(props), env, props).map((line) => {
    const placed = placeTargetLine(config, line, targets);
    if (placed) return placed;
    const { field, rest, message } = split(line);
    const path = HUB_FIELDS[field] ?? `defaults.${field}`;
    return `${path}${rest}: ${message.includes('(assumedCallLatencyMs)') ? tickMessageAtConfigPaths(message) : message}`;
  });
}

/** The problems of each member account's spoke props, at their config paths. */
function spokeLines(config: FleetConfig): string[] {
  return config.accounts.flatMap((account, accountIndex) => {
    const plan = spokePlan(spokeProps(config, account));
    if (!('problems' in plan)) return [];
    const targets = Object.keys(account.regions).map((region) => ({ accountIndex, region }));
    const fields: Record<string, string> = {
      name: 'name',
      account: `accounts[${accountIndex}].id`,
      targets: `accounts[${accountIndex}].regions`,
      externalId: 'hub.externalId',
      organizationId: 'hub.organizationId',
    };
    return plan.problems.map((line) => {
      const placed = placeTargetLine(config, line, targets);
      if (placed) return placed;
      const { field, rest, message } = split(line);
      if (field === 'hub') return `${rest === '.rolePath' ? 'defaults.rolePath' : `hub${rest}`}: ${message}`;
      return `${fields[field] ?? `defaults.${field}`}${rest}: ${message}`;
    });
  });
}

/** Every problem of a hub-topology config's hub and spokes, each once, at the path to change. */
export function hubConfigProblems(config: FleetConfig): string[] {
  // hubTargets is what the hub collects; an empty fleet has been refused by the schema already.
  if (hubTargets(config).length === 0) return [];
  return [...new Set([...hubLines(config), ...spokeLines(config)])];
}
