/**
 * The StackSet's template (the organization's spoke role) passes cfn-lint, the CloudFormation
 * linter, in every shape the organization's settings give it: every region or listed ones, the
 * service reads, a permissions boundary, tags, an external ID. cfn-lint runs as a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetricsOrganization } from '../../../modules/hub/ecs-high-res-metrics-organization';
import type { EcsHighResMetricsOrganizationProps } from '../../../modules/hub/props';

const exec = promisify(execFile);

/** A Terraform string literal's value: `$${` is a literal `${`. */
const asTerraformReadsIt = (text: string) => text.replaceAll('$${', '${');

/** How to get cfn-lint where it is missing: it is a Python package (the machine image ships it). */
const INSTALL = 'cfn-lint is not on PATH: install it with `pip install cfn-lint` (Python 3.9 or later), then run the test again';

/** GIVEN the template of an organization stack with `settings`, synthesized as the StackSet carries it. */
function templateOf(settings: Partial<EcsHighResMetricsOrganizationProps>): unknown {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'organization');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EcsHighResMetricsOrganization(stack, 'organization', {
    hub: { account: '999999999999', region: 'eu-west-1' },
    units: ['ou-ab12-cdef3456'],
    regions: '*',
    ...settings,
  });
  const tf = JSON.parse(Testing.synth(stack));
  return JSON.parse(asTerraformReadsIt((Object.values<any>(tf.resource.aws_cloudformation_stack_set)[0] as any).template_body));
}

const VARIANTS: Array<[string, Partial<EcsHighResMetricsOrganizationProps>]> = [
  ['every region, defaults', {}],
  [
    'listed regions, service reads, boundary, tags, external ID, role path',
    {
      regions: ['us-east-1', 'eu-west-1'],
      metrics: ['RunningTask', 'RunningCount'],
      permissionsBoundary: 'platform/boundary',
      tags: { team: 'platform' },
      externalId: 'ext-7',
      hub: { account: '999999999999', region: 'eu-west-1', rolePath: '/platform/' },
    },
  ],
  ['a boundary given as an ARN', { permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
];

/** A template cfn-lint must refuse (a role without its trust policy): proves the run reports what it finds. */
const BROKEN = { AWSTemplateFormatVersion: '2010-09-09', Resources: { SpokeRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'x' } } } };

interface Finding {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

let findings: Finding[];
let files: string[];

// WHEN cfn-lint checks every template in one run (it takes a few seconds to start)
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-cfn-lint-'));
  const templates = [...VARIANTS.map(([, settings]) => templateOf(settings)), BROKEN];
  files = templates.map((template, i) => {
    const file = path.join(dir, `template-${i}.json`);
    writeFileSync(file, JSON.stringify(template, null, 2));
    return file;
  });
  const stdout = await exec('cfn-lint', ['--format', 'json', '--', ...files]).then(
    (run) => run.stdout,
    (error: NodeJS.ErrnoException & { stdout?: string }) => {
      if (error.code === 'ENOENT') throw new Error(INSTALL);
      // cfn-lint exits non-zero when it finds something: the broken template makes sure it does.
      return error.stdout ?? '';
    },
  );
  findings = stdout.trim() === '' ? [] : JSON.parse(stdout);
}, 120_000);

// THEN no error, warning or informational finding in any spoke role template
test.each(VARIANTS.map(([name], i) => [name, i] as const))('cfn-lint finds nothing in the template (%s)', (_, i) => {
  expect(findings.filter((f) => f.Filename === files[i]).map((f) => `${f.Level} ${f.Rule.Id}: ${f.Message}`)).toEqual([]);
});

test('the same run reports a role without its trust policy (the check can fail)', () => {
  expect(findings.filter((f) => f.Filename === files[VARIANTS.length]).map((f) => f.Level)).toContain('Error');
});
