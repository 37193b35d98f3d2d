/**
 * The emulator scenarios as data: which example fleet, which clusters exist with which counts,
 * and what each account already has. The tier and the sandbox run them; a new topology (hub
 * mode) is one more entry here, not a new harness.
 */
import type { SeededScenario } from './scenario';

/** examples/fleet.json: two accounts, three account-regions, schedule and rule, Express and Standard. */
export const EXAMPLE_FLEET: SeededScenario = {
  name: 'example fleet',
  config: 'examples/fleet.json',
  seeds: [
    // prod-workers is configured but not created: it must be reported as skipped, the rest published.
    { account: '111111111111', region: 'us-east-1', clusters: [{ name: 'prod-api', containerInstances: 3, runningTasks: 7, services: { web: 2 } }] },
    { account: '111111111111', region: 'eu-west-1', clusters: [{ name: 'prod-eu', containerInstances: 2, runningTasks: 4 }] },
    { account: '222222222222', region: 'us-west-2', clusters: [{ name: 'staging', containerInstances: 1, runningTasks: 1, services: { api: 1 } }] },
  ],
  missingClusters: ['prod-workers'],
};

/** examples/fleet-operations.json: per-service metrics (all services of one cluster, one of another), alarms, an SNS topic. */
export const OPERATIONS_FLEET: SeededScenario = {
  name: 'operations fleet',
  config: 'examples/fleet-operations.json',
  seeds: [
    {
      account: '111111111111',
      region: 'us-east-1',
      clusters: [
        { name: 'prod-api', containerInstances: 2, runningTasks: 6, services: { web: 3, admin: 1 } },
        // "worker" is selected; "cron" is not and must not be published.
        { name: 'prod-workers', containerInstances: 1, runningTasks: 2, services: { worker: 2, cron: 1 } },
      ],
    },
    { account: '111111111111', region: 'eu-west-1', clusters: [{ name: 'prod-eu', containerInstances: 1, runningTasks: 3 }] },
  ],
};

/** examples/fleet-s3.yaml: roles under a path with each account's own permissions boundary (which the account must already have). */
export const S3_BACKEND_FLEET: SeededScenario = {
  name: 's3-backend fleet',
  config: 'examples/fleet-s3.yaml',
  seeds: [
    {
      account: '111111111111',
      region: 'us-east-1',
      clusters: [
        { name: 'prod-api', containerInstances: 1, runningTasks: 2 },
        { name: 'prod-workers', containerInstances: 1, runningTasks: 1 },
      ],
    },
    { account: '111111111111', region: 'eu-west-1', clusters: [{ name: 'prod-eu', containerInstances: 1, runningTasks: 1 }] },
  ],
  accountPolicies: [{ account: '111111111111', path: '/platform/', name: 'workload-boundary' }],
};

/** examples/fleet-cloud.json: a Terraform Cloud stack, applied here with a local state. */
export const CLOUD_FLEET: SeededScenario = {
  name: 'cloud-backend fleet',
  config: 'examples/fleet-cloud.json',
  seeds: [{ account: '333333333333', region: 'ap-southeast-2', clusters: [{ name: 'prod-au', containerInstances: 1, runningTasks: 2 }] }],
};

/**
 * examples/hub.yaml: one hub pipeline in 999999999999/eu-west-1 collecting two member accounts in
 * two regions each (one region discovering its clusters) through their spoke roles.
 */
export const HUB_FLEET: SeededScenario = {
  name: 'hub fleet',
  config: 'examples/hub.yaml',
  seeds: [
    {
      account: '111111111111',
      region: 'us-east-1',
      clusters: [
        { name: 'prod-api', containerInstances: 3, runningTasks: 7 },
        { name: 'prod-workers', containerInstances: 2, runningTasks: 4 },
      ],
    },
    // clusters "*": both are discovered with ListClusters.
    {
      account: '111111111111',
      region: 'eu-west-1',
      clusters: [
        { name: 'prod-eu', containerInstances: 2, runningTasks: 5 },
        { name: 'batch-eu', containerInstances: 1, runningTasks: 1 },
      ],
    },
    // The same cluster names as account 111111111111's would stay apart by AccountId; these differ by value.
    { account: '222222222222', region: 'us-west-2', clusters: [{ name: 'staging', containerInstances: 1, runningTasks: 2 }] },
    { account: '222222222222', region: 'eu-central-1', clusters: [{ name: 'staging-eu', containerInstances: 1, runningTasks: 3 }] },
  ],
};

/** The same hub with account 222222222222's spoke stack never applied: the hub loses that account alone. */
export const HUB_FLEET_WITHOUT_A_SPOKE: SeededScenario = {
  ...HUB_FLEET,
  name: 'hub fleet without a spoke',
  unapplied: ['ecs-highres-spoke-222222222222'],
};

export const SCENARIOS: readonly SeededScenario[] = [EXAMPLE_FLEET, OPERATIONS_FLEET, S3_BACKEND_FLEET, CLOUD_FLEET];
