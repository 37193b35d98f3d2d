/**
 * One synthesis of a hub fleet of `--accounts` member accounts, in a process of its own (run by
 * scripts/bench/organization.ts): `listed` names every account (a spoke stack each), `organization`
 * names one organizational unit holding them (the accounts are found at run time, so the config,
 * and what is synthesized, do not depend on their number). Prints one JSON line.
 */
import { parseArgs } from 'node:util';

export type OrganizationShape = 'listed' | 'organization';

export interface OrganizationMeasurement {
  readonly shape: OrganizationShape;
  readonly accounts: number;
  readonly stacks: number;
  /** Validating the config and building MetricsFleet. */
  readonly constructMs: number;
  /** `app.synth()`. */
  readonly synthMs: number;
  /** Process start to synth done. */
  readonly totalMs: number;
  readonly peakRssMb: number;
}

/** The hub fleet of `accounts` accounts, each with one region of clusters "*", listed or as an organizational unit. */
export function organizationBenchConfig(shape: OrganizationShape, accounts: number): Record<string, unknown> {
  const hub = { account: '999999999999', region: 'eu-west-1', organizationId: 'o-abcd123456' };
  // A 30-s interval: one hub invocation cannot collect 5,000 listed "*" account-regions within 5 s, and synth refuses such a hub.
  const defaults = { intervalSeconds: 30 };
  if (shape === 'organization') {
    return { name: 'bench', topology: 'hub', hub, defaults, organization: { account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*' } };
  }
  const listed = Array.from({ length: accounts }, (_, i) => ({ id: String(100_000_000_000 + i), regions: { 'us-east-1': { clusters: '*' } } }));
  return { name: 'bench', topology: 'hub', hub, defaults, accounts: listed };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { accounts: { type: 'string' }, shape: { type: 'string' }, outdir: { type: 'string' } } });
  const accounts = Number(values.accounts);
  const shape = values.shape as OrganizationShape;
  if (!values.outdir || !(accounts > 0) || (shape !== 'listed' && shape !== 'organization')) {
    throw new Error('usage: organization-worker --accounts N --shape listed|organization --outdir DIR');
  }
  const { App } = await import('cdktf');
  const { MetricsFleet } = await import('../../modules/subpaths/fleet');
  const constructStart = performance.now();
  const app = new App({ outdir: values.outdir });
  const fleet = new MetricsFleet(app, 'fleet', { config: organizationBenchConfig(shape, accounts) as never });
  const synthStart = performance.now();
  app.synth();
  const end = performance.now();
  const measurement: OrganizationMeasurement = {
    shape,
    accounts,
    stacks: fleet.allStacks.length,
    constructMs: synthStart - constructStart,
    synthMs: end - synthStart,
    totalMs: end,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(measurement));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
