/**
 * examples/hub-from-code: the README's "Hub mode from code" example, exactly, run as a user runs it
 * (tsx, its own App and app.synth()) into a temporary output directory; its hub and spokes agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/app';
import { exampleAsReadmeShowsIt, readmeTsBlockAfter } from '../../support/readme-examples';
import { byId } from '../../support/synth';

const EXAMPLE = path.join(ROOT, 'examples', 'hub-from-code', 'main.ts');

describe('the hub-from-code example', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-hub-from-code-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), EXAMPLE], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    stdio: 'pipe',
  });
  const stack = (name: string) => JSON.parse(readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  const hub = stack('acme-ecs-hub');
  const spokes = ['111111111111', '222222222222'].map((account) => stack(`acme-ecs-spoke-${account}`));

  test('is the code the README shows', () => {
    expect(readmeTsBlockAfter('### Hub mode from code')).toBe(exampleAsReadmeShowsIt(EXAMPLE));
  });

  test('synthesizes the hub stack and one spoke stack per member account', () => {
    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['acme-ecs-hub', 'acme-ecs-spoke-111111111111', 'acme-ecs-spoke-222222222222']);
  });

  test("each spoke role is the one the hub assumes, trusting the hub's collector role with its external ID", () => {
    const collector = byId(hub, 'aws_iam_role')['collector-role'];
    const input = JSON.parse((Object.values(hub.resource.aws_scheduler_schedule)[0] as any).target.input);
    for (const spoke of spokes) {
      const role: any = Object.values(spoke.resource.aws_iam_role)[0];
      expect([role.name, role.path]).toEqual([input.spokeRole.name, input.spokeRole.path]);
      const trust = JSON.parse(role.assume_role_policy).Statement[0];
      expect(trust.Condition).toEqual({
        ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::999999999999:role${collector.path}${collector.name}` },
        StringEquals: { 'sts:ExternalId': input.spokeRole.externalId },
      });
    }
  });

  test("each spoke reads only its own account's targets", () => {
    const [first, second] = spokes.map((spoke) => JSON.stringify(Object.values(spoke.resource.aws_iam_role_policy)[0]));
    expect(first).toContain('arn:aws:ecs:us-east-1:111111111111:cluster/prod-api');
    expect(first).not.toContain('222222222222');
    expect(second).toContain('arn:aws:ecs:us-west-2:222222222222:cluster/staging');
    expect(second).not.toContain('111111111111');
  });
});
