/**
 * The spoke and organization submodules' files as the build writes them, without Terraform:
 * every variable, local and resource their expressions name is declared, each validation message
 * names its variable, the examples call the submodules in the archive's layout, and patterns over
 * RE2's repetition limit are checked as lengths. (Planning them is the slow tier's.)
 */
import { EXTERNAL_ID } from '../../../modules/common/iam-rules';
import { ECS_NAME } from '../../../modules/common/rules';
import { ORGANIZATION_VARIABLES, organizationModuleFiles } from '../../../scripts/lib/terraform-module/organization-module';
import type { ModuleVariable } from '../../../scripts/lib/terraform-module/pipeline-variables';
import { boundedMatch } from '../../../scripts/lib/terraform-module/hcl-validations';
import { SPOKE_VARIABLES, spokeModuleFiles } from '../../../scripts/lib/terraform-module/spoke-module';

const MODULES: ReadonlyArray<[name: string, files: Record<string, string>, variables: readonly ModuleVariable[]]> = [
  ['spoke', spokeModuleFiles('1.2.3'), SPOKE_VARIABLES],
  ['organization', organizationModuleFiles('1.2.3'), ORGANIZATION_VARIABLES],
];

/** Names after `prefix.` in `text` (`var.`, `local.`), each once, sorted. */
const referenced = (text: string, prefix: string) =>
  [...new Set([...text.matchAll(new RegExp(`\\b${prefix}\\.([A-Za-z_][\\w-]*)`, 'g'))].map((m) => m[1]))].sort();

describe.each(MODULES)('the %s module', (name, files, variables) => {
  const json = (file: string) => JSON.parse(files[`modules/${name}/${file}`]);

  test('is a registry submodule: its Terraform JSON, README and an example at examples/<name>', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        `examples/${name}/main.tf`,
        `modules/${name}/README.md`,
        `modules/${name}/main.tf.json`,
        `modules/${name}/outputs.tf.json`,
        `modules/${name}/variables.tf.json`,
        `modules/${name}/versions.tf.json`,
      ].sort(),
    );
    expect(files[`examples/${name}/main.tf`]).toContain(`source = "../../modules/${name}"`);
    expect(files[`modules/${name}/README.md`]).toContain(`source = "./terraform-aws-ecs-highres-metrics/modules/${name}"`);
  });

  test('declares every variable, local and resource its expressions name, and no provider', () => {
    const all = Object.values(files).join('\n');
    const declared = Object.keys(json('variables.tf.json').variable).sort();
    expect(referenced(all, 'var')).toEqual(declared);
    const main = json('main.tf.json');
    expect(referenced(all, 'local').filter((local) => !(local in main.locals))).toEqual([]);
    const resources = Object.entries<Record<string, unknown>>(main.resource).flatMap(([type, named]) => Object.keys(named).map((n) => `${type}.${n}`));
    const named = [...all.matchAll(/\b(aws_[a-z_]+)\.([a-z_]+)\.(?:name|id|arn)\b/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(named.filter((address) => !resources.includes(address))).toEqual([]);
    expect(main.provider).toBeUndefined();
  });

  test("names each variable in its validations' messages, so a failed plan says which input to fix", () => {
    for (const v of variables) {
      expect({ name: v.name, snake: /^[a-z][a-z0-9_]*$/.test(v.name) }).toEqual({ name: v.name, snake: true });
      for (const rule of v.validations) expect({ name: v.name, message: rule.message.startsWith(v.name) }).toEqual({ name: v.name, message: true });
    }
    expect(new Set(variables.map((v) => v.name)).size).toBe(variables.length);
  });
});

test("a pattern within RE2's repetition limit is used as it is; EXTERNAL_ID's 1,224 becomes a length check", () => {
  expect(boundedMatch(ECS_NAME, 'c')).toBe('can(regex("^[A-Za-z0-9_-]{1,255}$", c))');
  expect(boundedMatch(EXTERNAL_ID, 'var.external_id')).toBe(
    'length(var.external_id) >= 2 && length(var.external_id) <= 1224 && can(regex("^[\\\\w+=,.@:\\\\/-]+$", var.external_id))',
  );
});
