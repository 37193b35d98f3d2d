/**
 * The spoke submodule on the emulator, called from HCL as a member account's team would: its
 * README example (the account read from the credentials, the emulator's runner account) beside
 * the extracted archive applies; the role IAM then holds trusts the hub's collector role and
 * allows the reads the construct's builder gives for the same inputs; destroy leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spokePlan } from '../../../modules/hub/spoke-plan';
import { type CallTarget, queryCall, xmlValue } from '../../../scripts/lib/emulator/moto-client';
import { freePort, type MotoServer, requireEmulatorTools, startMotoServer } from '../../../scripts/lib/emulator/moto-server';
import { EmulatedStack, type StateResource } from '../../../scripts/lib/emulator/terraform-stack';
import { terraformEnvironment } from '../../../scripts/lib/terraform';
import { MODULE_NAME } from '../../../scripts/lib/terraform-module/module-files';
import { SPOKE_EXAMPLE_SOURCE, SPOKE_README_EXAMPLE } from '../../../scripts/lib/terraform-module/spoke-module';
import { TIER_TIMEOUT_MS } from '../../support/emulator';
import { MODULE_ARCHIVE } from '../../support/terraform-module';

/** moto's account for credentials it does not know: the runner's. */
const RUNNER_ACCOUNT = '123456789012';

const workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-spoke-emulator-'));
let applied: StateResource[];
let afterDestroy: string[];
let role: { trust: unknown; policy: unknown; path?: string };

/** An IAM document as a query answer carries it: URL-encoded, inside XML. */
const documentOf = (xml: string, tag: string) => JSON.parse(decodeURIComponent((xmlValue(xml, tag) ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&')));

beforeAll(async () => {
  requireEmulatorTools();
  const env = await terraformEnvironment(path.join(workRoot, 'terraform'));
  env.TMPDIR = path.join(workRoot, 'tmp');
  mkdirSync(env.TMPDIR, { recursive: true });
  const rootDir = path.join(workRoot, 'consumer');
  mkdirSync(path.join(rootDir, MODULE_NAME), { recursive: true });
  execFileSync('tar', ['-xzf', MODULE_ARCHIVE, '-C', path.join(rootDir, MODULE_NAME)]);
  const example = SPOKE_README_EXAMPLE.replace(/^ *account_id *=.*\n/m, '');
  if (example === SPOKE_README_EXAMPLE) throw new Error("the spoke module's example no longer sets account_id: update this test");
  expect(example).toContain(`source = "${SPOKE_EXAMPLE_SOURCE}"`);
  writeFileSync(path.join(rootDir, 'main.tf'), example);
  let moto: MotoServer | undefined;
  try {
    moto = await startMotoServer(await freePort());
    const stack = EmulatedStack.prepare(rootDir, path.join(workRoot, 'root'), moto.endpoint, env);
    await stack.init();
    await stack.apply();
    applied = stack.state();
    const target: CallTarget = { endpoint: moto.endpoint, region: 'us-east-1', account: RUNNER_ACCOUNT };
    const got = await queryCall('iam', target, 'GetRole', { RoleName: 'ecs-highres-spoke' });
    const inline = await queryCall('iam', target, 'GetRolePolicy', { RoleName: 'ecs-highres-spoke', PolicyName: 'least-privilege' });
    role = { trust: documentOf(got, 'AssumeRolePolicyDocument'), policy: documentOf(inline, 'PolicyDocument'), path: xmlValue(got, 'Path') };
    await stack.destroy();
    afterDestroy = stack.state().map((r) => r.address);
  } finally {
    await moto?.stop();
  }
}, TIER_TIMEOUT_MS);

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

test('applies the role and its inline policy in the account of the credentials', () => {
  expect(applied.map((r) => r.address).sort()).toEqual(['aws_iam_role.spoke', 'aws_iam_role_policy.spoke']);
  const [spoke] = applied.filter((r) => r.type === 'aws_iam_role');
  expect(spoke.values).toMatchObject({ name: 'ecs-highres-spoke', path: '/', arn: `arn:aws:iam::${RUNNER_ACCOUNT}:role/ecs-highres-spoke` });
});

test("the role IAM holds is the construct builder's for the same inputs: trusted by the hub collector role, the example's reads", () => {
  const plan = spokePlan({
    account: RUNNER_ACCOUNT,
    hub: { account: '999999999999', region: 'us-east-1' },
    targets: [
      { account: RUNNER_ACCOUNT, region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
      { account: RUNNER_ACCOUNT, region: 'eu-west-1', clusters: '*' },
    ],
  });
  if ('problems' in plan) throw new Error(JSON.stringify(plan.problems));
  expect(role).toEqual({ trust: plan.trust, policy: plan.policies.inline, path: '/' });
  expect(plan.hubCollectorRoleArn).toBe('arn:aws:iam::999999999999:role/ecs-highres-collector-us-east-1');
});

test('destroy leaves nothing in state', () => {
  expect(afterDestroy).toEqual([]);
});
