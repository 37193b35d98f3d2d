/**
 * The emulator scenarios as data: which example fleet, which clusters exist with which counts,
 * and what each account already has. The tier and the sandbox run them; a new topology (hub
 * mode) is one more entry here, not a new harness.
 */
import { Scenario } from './scenario';

/** examples/fleet.json: two accounts, three account-regions, schedule and rule, Express and Standard. */
export const EXAMPLE_FLEET: Scenario = {
  name: 'example fleet',
  config: 'examples/fleet.json',
  seeds: [
    // prod-workers is configured but not created: it must be reported as skipped, the rest published.
    { account: '111111111111', region: 'us-east-1', clusters: [{ name: 'prod-api', containerInstances: 3, runningTasks: 7, services: { web: 2 } }] },
    { account: '111111111111', region: 'eu-west-1', clusters: [{ name: 'prod-eu', containerInstances: 2, runningTasks: 4 }] },
    { account: '222222222222', region: 'us-west-2', clusters: [{ name: 'staging', containerInstances: 1, runningTasks: 1, services: { api: 1 } }] },
  ],
};

export const SCENARIOS: readonly Scenario[] = [EXAMPLE_FLEET];
