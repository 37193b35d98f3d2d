/**
 * The emulator's clusters for any fleet config (the sandbox's `--config`): read from what the
 * synthesized stacks collect — each pipeline's trigger input, or the hub's target list — so both
 * topologies and every default are taken as the stacks hold them. Each named cluster (and named
 * service) exists with a few tasks; an account-region that discovers its clusters ("*") gets two,
 * a cluster whose services are all collected ("*") gets two services. Permissions boundaries the
 * roles name are created in their accounts, as the accounts would already have them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ClusterSeed, RegionSeed } from './ecs-seeds';

/** The part of a synthesized stack (cdk.tf.json) the seeds are read from. */
export interface SynthesizedStack {
  readonly provider?: { readonly aws?: ReadonlyArray<{ readonly region?: string; readonly allowed_account_ids?: readonly string[] }> };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
}

/** What one account-region collects. */
interface Collected {
  readonly account: string;
  readonly region: string;
  readonly clusters: readonly string[] | '*';
  readonly services?: Readonly<Record<string, readonly string[] | '*'>>;
}

/** The clusters created where a pipeline discovers them with ListClusters. */
export const DISCOVERED_CLUSTERS = ['discovered-a', 'discovered-b'] as const;
/** The services created in a cluster whose services are all collected. */
export const DISCOVERED_SERVICES = { web: 2, worker: 1 } as const;

const resources = (stack: SynthesizedStack, type: string) => Object.values(stack.resource?.[type] ?? {});

function parsed(text: unknown, what: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new Error(`${what} is not a JSON text in the synthesized stack`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** What a stack collects: the hub's targets, its pipeline's own account-region, or nothing (a spoke). */
export function collectedBy(stack: SynthesizedStack, name: string): Collected[] {
  const [list] = resources(stack, 'aws_s3_object').filter((object) => object.key === 'targets.json');
  if (list) return (parsed(list.content, `${name}: the hub's target list`).targets as Collected[]) ?? [];
  const triggers = [
    ...resources(stack, 'aws_scheduler_schedule').map((schedule) => schedule.target as { input?: unknown } | Array<{ input?: unknown }>),
    ...resources(stack, 'aws_cloudwatch_event_target'),
  ].map((target) => (Array.isArray(target) ? target[0] : target) as { input?: unknown });
  if (triggers.length === 0) return [];
  const input = parsed(triggers[0].input, `${name}: the trigger's input`);
  const provider = stack.provider?.aws?.[0];
  const account = provider?.allowed_account_ids?.[0];
  if (!account || !provider?.region) throw new Error(`${name}: its provider pins no account or region`);
  return [{ account, region: provider.region, clusters: input.clusters as Collected['clusters'], services: input.services as Collected['services'] }];
}

/** Seeds for what the stacks collect: a few tasks in each cluster, more in each next one, so the series differ. */
export function seedsFor(collected: readonly Collected[]): RegionSeed[] {
  const regions = new Map<string, { account: string; region: string; clusters: Map<string, ClusterSeed> }>();
  let n = 0;
  for (const { account, region, clusters, services = {} } of collected) {
    const key = `${account}/${region}`;
    const seed = regions.get(key) ?? { account, region, clusters: new Map<string, ClusterSeed>() };
    regions.set(key, seed);
    for (const name of clusters === '*' ? DISCOVERED_CLUSTERS : clusters) {
      if (seed.clusters.has(name)) continue;
      const selected = services[name];
      const serviceSeeds = selected === '*' ? { ...DISCOVERED_SERVICES } : Object.fromEntries((selected ?? []).map((service) => [service, 2]));
      seed.clusters.set(name, {
        name,
        containerInstances: 1 + (n % 3),
        runningTasks: 2 + ((n * 3) % 7),
        ...(Object.keys(serviceSeeds).length > 0 ? { services: serviceSeeds } : {}),
      });
      n += 1;
    }
  }
  return [...regions.values()].map(({ account, region, clusters }) => ({ account, region, clusters: [...clusters.values()] }));
}

/** Every customer-managed permissions boundary the stacks' roles name, as account, path and name. */
export function boundaryPolicies(stacks: readonly SynthesizedStack[]): Array<{ account: string; path: string; name: string }> {
  const found = new Map<string, { account: string; path: string; name: string }>();
  for (const stack of stacks) {
    for (const role of resources(stack, 'aws_iam_role')) {
      const match = /^arn:aws[\w-]*:iam::(\d{12}):policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(String(role.permissions_boundary ?? ''));
      if (match) found.set(match[0], { account: match[1], path: match[2], name: match[3] });
    }
  }
  return [...found.values()];
}

/** Reads the synthesized stacks of `stackDirs`: their seeds and the boundaries the accounts must have. */
export function derivedSeeds(stackDirs: readonly string[]): { seeds: RegionSeed[]; accountPolicies: Array<{ account: string; path: string; name: string }> } {
  const stacks = stackDirs.map((dir) => ({
    name: path.basename(dir),
    tf: JSON.parse(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack,
  }));
  return { seeds: seedsFor(stacks.flatMap(({ name, tf }) => collectedBy(tf, name))), accountPolicies: boundaryPolicies(stacks.map((s) => s.tf)) };
}
