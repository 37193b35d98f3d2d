/**
 * Hub mode at the scale: 1,000 account-regions (250 accounts × 4 regions) × 25 clusters
 * synthesized by the app into one hub stack and 250 spoke stacks; the hub and a spoke planned
 * offline; every limit the issue names checked on the synthesized text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CARRIER_LIMITS } from '../../../modules/contract/hub-target-list';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { runApp } from '../../support/app';
import { describePlannedSample } from '../../support/planned-sample';

const ACCOUNTS = 250;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const CLUSTERS = 25;
const HUB = '999999999999';
const HUB_STACK = `ecs-highres-${HUB}-eu-west-1-hub`;

const accountId = (a: number) => String(100000000000 + a);
const clusters = (a: number, region: string) => Array.from({ length: CLUSTERS }, (_, c) => `svc-${a}-${region}-${c}`);

function hubConfig(): object {
  return {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: HUB, region: 'eu-west-1', deployRoleArn: `arn:aws:iam::${HUB}:role/terraform` },
    accounts: Array.from({ length: ACCOUNTS }, (_, a) => ({
      id: accountId(a),
      deployRoleArn: `arn:aws:iam::${accountId(a)}:role/terraform`,
      regions: Object.fromEntries(REGIONS.map((region) => [region, { clusters: clusters(a, region) }])),
    })),
  };
}

describe(`a hub of ${ACCOUNTS * REGIONS.length} account-regions × ${CLUSTERS} clusters`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-hub-scale-'));
  const configFile = path.join(dir, 'fleet.json');
  writeFileSync(configFile, JSON.stringify(hubConfig()));
  const run = runApp(configFile, path.join(dir, 'cdktf.out'));
  const stackJson = (stack: string) => JSON.parse(readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const resources = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});

  test('synthesizes one hub stack and one spoke stack per member account', () => {
    expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))).toEqual([]);
    expect(run.status).toBe(0);
    const spokes = Array.from({ length: ACCOUNTS }, (_, a) => `ecs-highres-spoke-${accountId(a)}`);
    expect(run.stacks).toEqual([HUB_STACK, ...spokes].sort());
  });

  test('the target list (every account-region and cluster) lives in the S3 object, which no input or environment could carry', () => {
    const tf = stackJson(HUB_STACK);
    const [object] = resources(tf, 'aws_s3_object');
    const list = JSON.parse(object.content);
    expect(list.targets).toHaveLength(ACCOUNTS * REGIONS.length);
    expect(list.targets.every((t: any) => t.clusters.length === CLUSTERS)).toBe(true);
    const bytes = Buffer.byteLength(object.content);
    expect(bytes).toBeGreaterThan(CARRIER_LIMITS.stepFunctionsPayload);
    expect(bytes).toBeGreaterThan(CARRIER_LIMITS.eventBridgeRuleInput);
    expect(bytes).toBeGreaterThan(CARRIER_LIMITS.lambdaEnvironment);
  });

  test('what the schedule sends each execution stays far below the rule input and state data limits', () => {
    const tf = stackJson(HUB_STACK);
    const [schedule] = resources(tf, 'aws_scheduler_schedule');
    const input: string = schedule.target.input;
    expect(input.length).toBeLessThan(CARRIER_LIMITS.eventBridgeRuleInput / 8);
    expect(JSON.parse(input).targetList).toMatchObject({ key: 'targets.json' });
    // No Lambda environment carries anything of the fleet.
    for (const fn of resources(tf, 'aws_lambda_function')) expect(JSON.stringify(fn.environment ?? {}).length).toBeLessThan(CARRIER_LIMITS.lambdaEnvironment);
  });

  test("the hub collector may assume the spoke role in each listed account through managed policies within IAM's limits", () => {
    const tf = stackJson(HUB_STACK);
    const documents = [...resources(tf, 'aws_iam_policy'), ...resources(tf, 'aws_iam_role_policy')].map((p) => p.policy as string);
    const assume = documents.filter((d) => d.includes('sts:AssumeRole'));
    const accounts = assume.flatMap((d) => JSON.parse(d).Statement.flatMap((s: any) => s.Condition?.StringEquals?.['aws:ResourceAccount'] ?? []));
    expect(new Set(accounts).size).toBe(ACCOUNTS);
    for (const p of resources(tf, 'aws_iam_policy')) expect(p.policy.length).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
    for (const p of resources(tf, 'aws_iam_role_policy')) expect(p.policy.length).toBeLessThanOrEqual(IAM_LIMITS.inlinePerRole);
  });

  test("each spoke role trusts the hub collector role alone, within the trust policy limit, and may describe only its account's clusters", () => {
    for (const a of [0, ACCOUNTS - 1]) {
      const tf = stackJson(`ecs-highres-spoke-${accountId(a)}`);
      const [role] = resources(tf, 'aws_iam_role');
      expect(role.assume_role_policy.length).toBeLessThanOrEqual(IAM_LIMITS.trustPolicy);
      expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.ArnEquals['aws:PrincipalArn']).toBe(
        `arn:aws:iam::${HUB}:role/ecs-highres-collector-eu-west-1`,
      );
      const policies = [...resources(tf, 'aws_iam_role_policy'), ...resources(tf, 'aws_iam_policy')].map((p) => p.policy as string);
      const arns = policies.flatMap((d) => JSON.parse(d).Statement.flatMap((s: any) => [s.Resource].flat()));
      const clusterArns = arns.filter((arn: string) => arn.includes(':cluster/'));
      expect(clusterArns.length).toBe(REGIONS.length * CLUSTERS);
      expect(clusterArns.every((arn: string) => arn.split(':')[4] === accountId(a))).toBe(true);
    }
  });

  describePlannedSample('the hub and the first spoke planned offline', path.join(run.outdir, 'stacks'), path.join(dir, 'tf-work'), [
    HUB_STACK,
    `ecs-highres-spoke-${accountId(0)}`,
  ]);
});
