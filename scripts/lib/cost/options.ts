/** The command line of `npm run cost`: its usage, the config it prices, the sizes of `--clusters`. */
import * as path from 'node:path';
import { UsageError } from '../command-line';
import { ROOT } from '../root';
import { CLUSTER_SIZE_BOUNDS } from './cluster-sizes';

const EXAMPLE_CONFIG = path.join(ROOT, 'examples', 'fleet.json');

export const USAGE = `usage: npm run cost -- [--config FILE] [--json] [--clusters N,N,...] [--org-accounts N] [--org-regions N] [--org-clusters N]
  --config FILE   fleet config to price; without it, the file FLEET_CONFIG names (as \`npm run synth\` reads it),
                  and without either, examples/fleet.json. --config wins over FLEET_CONFIG.
  --json          print {"fleet", "perCluster", "lines", "topologies"} as JSON instead of tables,
                  the configured topology first ("fleet.topology")
  --clusters LIST price one account-region of N clusters for each N (${CLUSTER_SIZE_BOUNDS.min} to ${CLUSTER_SIZE_BOUNDS.max.toLocaleString('en-US')}, at most ${CLUSTER_SIZE_BOUNDS.sizes} sizes), with the config's defaults
  --org-accounts N, --org-regions N, --org-clusters N
                  with an organization (found at run time): price it as N accounts (default 100), each with N regions
                  that have clusters (default 2), each with N clusters (default hub.assumedClustersPerDiscoveredRegion, 25)`;

/** The config to price and why: --config (relative to where the command was typed), else FLEET_CONFIG (as the synth reads it), else the example. */
export function configFileOf(
  options: { readonly config?: string },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { readonly file: string; readonly from: '--config' | 'FLEET_CONFIG' | 'default' } {
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  if (options.config) return { file: path.resolve(env.INIT_CWD ?? cwd, options.config), from: '--config' };
  if (env.FLEET_CONFIG) return { file: path.resolve(cwd, env.FLEET_CONFIG), from: 'FLEET_CONFIG' };
  return { file: EXAMPLE_CONFIG, from: 'default' };
}

/** `--clusters`: whole numbers of clusters within CLUSTER_SIZE_BOUNDS, at most `sizes` of them. */
export function parseSizes(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const { min, max, sizes: most } = CLUSTER_SIZE_BOUNDS;
  const bounds = `${min} to ${max.toLocaleString('en-US')} (ECS's default quota of clusters per account-region)`;
  if (parts.length > most) throw new UsageError(`--clusters: ${parts.length} sizes are more than ${most}: price at most ${most} at once`);
  const sizes = parts.map(Number);
  if (parts.some((part, i) => part === '' || !Number.isFinite(sizes[i]))) {
    throw new UsageError(`--clusters: "${text}" is not a list of whole numbers of clusters, e.g. 1,10,100`);
  }
  const bad = parts.find((_, i) => !Number.isInteger(sizes[i]) || sizes[i] < min || sizes[i] > max);
  if (bad !== undefined) throw new UsageError(`--clusters: ${bad} is out of range: give whole numbers of clusters from ${bounds}`);
  return sizes;
}
