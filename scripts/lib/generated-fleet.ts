/**
 * Fleet configs made up for pricing and benchmarks: N accounts × M regions × K clusters,
 * checked by the same schema as a user's config.
 */
import { type FleetConfig, type PipelineDefaults, validateFleetConfig } from '../../modules/subpaths/fleet';

/** The regions a generated account uses, in order. */
export const GENERATED_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

export interface GeneratedFleetOptions {
  /** Fleet name. */
  readonly name?: string;
  readonly accounts: number;
  /** 1 to 4 (GENERATED_REGIONS). */
  readonly regionsPerAccount: number;
  readonly clustersPerRegion: number;
  /** Settings of every pipeline. */
  readonly defaults?: PipelineDefaults;
}

export function generatedFleetConfig(options: GeneratedFleetOptions): FleetConfig {
  const clusters = Array.from({ length: options.clustersPerRegion }, (_, i) => `cluster-${String(i + 1).padStart(3, '0')}`);
  const regions = GENERATED_REGIONS.slice(0, options.regionsPerAccount);
  return validateFleetConfig(
    {
      name: options.name ?? 'ecs-highres',
      ...(options.defaults ? { defaults: options.defaults } : {}),
      accounts: Array.from({ length: options.accounts }, (_, a) => {
        const id = String(100_000_000_000 + a + 1);
        return {
          id,
          deployRoleArn: `arn:aws:iam::${id}:role/terraform`,
          regions: Object.fromEntries(regions.map((region) => [region, { clusters }])),
        };
      }),
    },
    'generated fleet config',
  );
}

/** The fleet of `stacks` account-regions, four regions per account (one for a single stack). */
export function fleetOfStacks(stacks: number, clustersPerRegion: number): FleetConfig {
  const regionsPerAccount = Math.min(GENERATED_REGIONS.length, stacks);
  if (stacks % regionsPerAccount !== 0) {
    throw new Error(`${stacks} stacks cannot be split into accounts of ${regionsPerAccount} regions: use a multiple of ${regionsPerAccount}`);
  }
  return generatedFleetConfig({ accounts: stacks / regionsPerAccount, regionsPerAccount, clustersPerRegion });
}
