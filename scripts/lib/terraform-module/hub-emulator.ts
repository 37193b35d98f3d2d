/**
 * A root module that calls the hub module on the emulator: the hub in the credentials' account,
 * collecting member account-regions of that same account through a spoke role the root declares
 * in HCL with the construct's own trust and permission documents (hub-policies.ts), as the spoke
 * module or EcsHighResMetricsSpoke would create it. What one execution must publish is the
 * emulator harness's hub expectation (expectedHubPublish) of the target list the module wrote.
 */
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { hubCollectorRoleArn } from '../../../modules/hub/hub-names';
import { spokePermissionPolicies, spokeTrustPolicy } from '../../../modules/hub/hub-policies';
import type { RegionSeed } from '../emulator/ecs-seeds';
import { expectedHubPublish, hubTargetList } from '../emulator/expectations';
import type { ModuleExpectation } from './emulator-run';
import { hclString } from './hcl-validations';

export interface HubEmulatorRoot {
  /** The hub module's source, relative to the root. */
  readonly source: string;
  /** The hub's account (the credentials') and region. */
  readonly account: string;
  readonly region: string;
  /** Member account-regions, all in `account`. */
  readonly targets: readonly TargetListEntry[];
}

/** The root's main.tf: the hub module and the spoke role of its one member account. */
export function hubEmulatorMain(root: HubEmulatorRoot): string {
  const collectorRoleArn = hubCollectorRoleArn({ partition: 'aws', account: root.account, region: root.region, name: 'ecs-highres' });
  const trust = spokeTrustPolicy({ hubCollectorRoleArn: collectorRoleArn });
  const permissions = spokePermissionPolicies({
    partition: 'aws',
    account: root.account,
    regions: root.targets.map((t) => ({ region: t.region, clusters: t.clusters })),
  });
  if (!permissions.inline) throw new Error('the spoke role of the emulator root needs managed policies: list fewer clusters');
  const targets = root.targets
    .map((t) => `    { account = "${t.account}", region = "${t.region}", clusters = ${JSON.stringify(t.clusters === '*' ? ['*'] : t.clusters)} },`)
    .join('\n');
  return `provider "aws" {
  region = "${root.region}"
}

module "ecs_metrics_hub" {
  source = "${root.source}"

  targets = [
${targets}
  ]
  interval_seconds = 5
}

resource "aws_iam_role" "spoke" {
  name               = "ecs-highres-spoke"
  assume_role_policy = ${hclString(JSON.stringify(trust))}
}

resource "aws_iam_role_policy" "spoke" {
  name   = "least-privilege"
  role   = aws_iam_role.spoke.id
  policy = ${hclString(JSON.stringify(permissions.inline))}
}
`;
}

/** What the hub's one execution must publish: every seeded cluster of the target list the module wrote. */
export const hubModuleExpectation =
  (seeds: readonly RegionSeed[]): ModuleExpectation =>
  (execution, pipeline, appliedResources) =>
    expectedHubPublish(execution.input, hubTargetList(appliedResources), seeds, execution.firstTick, pipeline.tickOffsets, []);
