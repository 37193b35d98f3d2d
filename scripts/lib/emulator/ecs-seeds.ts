/**
 * Seeds emulated ECS clusters with known counts, and says which values DescribeClusters and
 * DescribeServices then answer under moto's model: run_task on registered container instances
 * raises runningTasksCount, register_container_instance raises registeredContainerInstancesCount,
 * create_service leaves its desired count PENDING (raising pendingTasksCount) and does not raise
 * activeServicesCount.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  ECSClient,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { accountClient } from './account-clients';
import { runInstances } from './moto-client';

/** One emulated cluster: how many container instances, running tasks and services (desired counts) it has. */
export interface ClusterSeed {
  readonly name: string;
  readonly containerInstances: number;
  readonly runningTasks: number;
  /** Service name → desired count. */
  readonly services?: Readonly<Record<string, number>>;
}

/** The clusters of one account-region. */
export interface RegionSeed {
  readonly account: string;
  readonly region: string;
  readonly clusters: readonly ClusterSeed[];
}

/** The values moto then answers, per metric of the catalog. */
export function expectedClusterValues(seed: ClusterSeed): Record<string, number> {
  const desired = Object.values(seed.services ?? {}).reduce((sum, n) => sum + n, 0);
  return {
    RunningTask: seed.runningTasks,
    PendingTask: desired,
    // moto's create_service does not count the service as active (an emulator gap, not the collector's).
    ActiveServices: 0,
    RegisteredContainerInstances: seed.containerInstances,
  };
}

export function expectedServiceValues(desired: number): Record<string, number> {
  return { DesiredCount: desired, RunningCount: 0, PendingCount: desired };
}

/** RunTask places at most 10 tasks a call. */
const RUN_TASK_MAX = 10;

/** The task definition family of every seeded task and service. */
export const SEED_TASK_DEFINITION = 'emulator-seed';

export async function seedRegion(endpoint: string, seed: RegionSeed): Promise<void> {
  const ecs = accountClient(ECSClient, endpoint, seed.account, seed.region);
  const taskDefinition = SEED_TASK_DEFINITION;
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: taskDefinition,
      containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/docker/library/busybox:latest', cpu: 1, memory: 4 }],
    }),
  );
  for (const cluster of seed.clusters) {
    await ecs.send(new CreateClusterCommand({ clusterName: cluster.name }));
    const instanceIds =
      cluster.containerInstances > 0 ? await runInstances({ endpoint, account: seed.account, region: seed.region }, cluster.containerInstances) : [];
    for (const instanceId of instanceIds) {
      await ecs.send(new RegisterContainerInstanceCommand({ cluster: cluster.name, instanceIdentityDocument: JSON.stringify({ instanceId }) }));
    }
    for (let left = cluster.runningTasks; left > 0; left -= RUN_TASK_MAX) {
      await ecs.send(new RunTaskCommand({ cluster: cluster.name, taskDefinition, count: Math.min(left, RUN_TASK_MAX), launchType: 'EC2' }));
    }
    for (const [serviceName, desiredCount] of Object.entries(cluster.services ?? {})) {
      await ecs.send(new CreateServiceCommand({ cluster: cluster.name, serviceName, taskDefinition, desiredCount, launchType: 'EC2' }));
    }
  }
  await checkSeeded(ecs, seed);
}

/** The emulator answers what the model says, or the expectations built on it would be wrong. */
async function checkSeeded(ecs: ECSClient, seed: RegionSeed): Promise<void> {
  const { clusters = [] } = await ecs.send(new DescribeClustersCommand({ clusters: seed.clusters.map((c) => c.name) }));
  for (const cluster of seed.clusters) {
    const found = clusters.find((c) => c.clusterName === cluster.name);
    const expected = expectedClusterValues(cluster);
    const answered = {
      RunningTask: found?.runningTasksCount,
      PendingTask: found?.pendingTasksCount,
      ActiveServices: found?.activeServicesCount,
      RegisteredContainerInstances: found?.registeredContainerInstancesCount,
    };
    if (JSON.stringify(answered) !== JSON.stringify(expected)) {
      throw new Error(
        `seeded cluster ${cluster.name} in ${seed.account}/${seed.region}: the emulator answers ${JSON.stringify(answered)}, the seed model expects ${JSON.stringify(expected)}`,
      );
    }
  }
}
