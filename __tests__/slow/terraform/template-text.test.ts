/**
 * Terraform reads every string of its JSON as a template. The issue's config (a rolePath of
 * `/${replace(file("/etc/hostname"),"\n","")}/`) planned, and the roles got the machine's hostname
 * as their path. Now the app refuses it and writes nothing, so no plan sees it; what a config may
 * still hold (`$`, `%`, braces, quotes in tags… without `${` or `%{`) reaches the real plan as
 * written, and the dashboards' CloudWatch labels (`${PROP(…)}`, written `$${PROP(…)}`) arrive intact.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { runApp } from '../../support/app';

const exec = promisify(execFile);
const HOSTNAME_PATH = '/${replace(file("/etc/hostname"),"\\n","")}/';

const fleet = (defaults: Record<string, unknown>) => ({
  name: 'tmpl',
  defaults,
  accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: '*' } } }],
});

function writeConfig(dir: string, config: object): string {
  const file = path.join(dir, 'fleet.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test("GIVEN the issue's rolePath WHEN the app synthesizes THEN it exits 1 naming the field, and writes no stack to plan", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'template-attack-'));
  const run = runApp(writeConfig(dir, fleet({ rolePath: HOSTNAME_PATH })), path.join(dir, 'cdktf.out'));
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(
    `defaults.rolePath: ${JSON.stringify(HOSTNAME_PATH)} contains "\${": Terraform would evaluate it as a template interpolation instead of taking the text literally; remove the "\${"`,
  );
  expect(run.stacks).toEqual([]);
});

test('GIVEN "$", "%" and braces that start no template WHEN the stack is planned offline THEN the plan holds them as written, and the dashboard\'s ${PROP(…)} labels too', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'template-literal-'));
  const namespace = 'Team $5 {100%} x';
  const rolePath = '/team$5%/{a}/';
  const run = runApp(writeConfig(dir, fleet({ namespace, rolePath })), path.join(dir, 'cdktf.out'));
  expect(run.stderr).not.toMatch(/Error|problem/);
  expect(run.stacks).toEqual(['tmpl-111111111111-us-east-1']);

  const env = await terraformEnvironment(path.join(dir, 'tf-work'));
  const workDir = path.join(dir, 'tf-work', run.stacks[0]);
  const result = await planOffline(path.join(run.outdir, 'stacks', run.stacks[0]), workDir, env);
  if (!result.ok) throw new Error(`terraform ${result.failedStep} failed:\n${result.output}`);
  const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], { cwd: workDir, env, maxBuffer: 256 * 1024 * 1024 });
  const changes: any[] = JSON.parse(stdout).resource_changes;
  const after = (type: string) => changes.filter((c) => c.type === type).map((c) => c.change.after);

  expect(after('aws_iam_role').map((role) => role.path)).toEqual([rolePath, rolePath, rolePath]);
  const collectorRolePolicy = after('aws_iam_role_policy')
    .map((p) => JSON.parse(p.policy))
    .find((p) => p.Statement.some((s: any) => s.Action === 'cloudwatch:PutMetricData'));
  expect(collectorRolePolicy.Statement.find((s: any) => s.Action === 'cloudwatch:PutMetricData').Condition).toEqual({
    StringEquals: { 'cloudwatch:namespace': namespace },
  });
  const [dashboard] = after('aws_cloudwatch_dashboard');
  const body = JSON.parse(dashboard.dashboard_body);
  const searches = body.widgets.flatMap((w: any) => (w.properties.metrics ?? []).flatMap((line: any[]) => line.filter((part) => part?.expression)));
  expect(searches[0]).toEqual({
    expression: `SEARCH('{"${namespace}","ClusterName"} MetricName="RunningTask"', 'Maximum', 5)`,
    id: 'series',
    label: "${PROP('Dim.ClusterName')}",
  });
});
