/**
 * The files of the hub module in the archive: modules/hub (Terraform JSON split by block, its
 * README with inputs and outputs tables) and examples/hub, a root module in HCL that calls it.
 * Kept apart from writing them, so tests read what the build writes.
 */
import { AWS_PROVIDER_CONSTRAINT, REQUIRED_TERRAFORM, type TerraformJson } from './pipeline-module';
import { HUB_MODULE_DIR, HUB_MODULE_LIMITS, HUB_OUTPUTS, ORGANIZATION_HUB_MODULE_DIR, ORGANIZATION_HUB_MODULE_LIMITS } from './hub-module';
import { HUB_VARIABLES, ORGANIZATION_HUB_VARIABLES } from './hub-variables';
import { FORMAT_NOTE, MODULE_NAME, splitModule } from './module-files';
import { moduleReadme } from './module-readme';

/** Where the hub example expects the extracted archive, relative to the root module. */
export const HUB_EXAMPLE_SOURCE = `./${MODULE_NAME}/${HUB_MODULE_DIR}`;

/** The hub example: a root module in HCL calling the hub module of the archive extracted beside it. */
export const HUB_EXAMPLE = `provider "aws" {
  region = "us-east-1"
}

module "ecs_metrics_hub" {
  # the archive extracted here: tar -xzf ${MODULE_NAME}-<version>.tar.gz -C ${MODULE_NAME}
  source = "${HUB_EXAMPLE_SOURCE}"

  # every member account-region, with its clusters, or ["*"] for every cluster there;
  # each member account needs the spoke role (name "ecs-highres-spoke") trusting the hub's collector role
  targets = [
    { account = "222222222222", region = "us-east-1", clusters = ["prod-api", "prod-workers"] },
    { account = "222222222222", region = "eu-west-1", clusters = ["prod-eu"] },
    { account = "333333333333", region = "us-east-1", clusters = ["*"] },
  ]
  interval_seconds = 5
  account_id       = "111111111111" # the hub's account; optional: without it, read from the credentials at plan
}

output "collector_role_arn" {
  description = "The role every spoke role trusts"
  value       = module.ecs_metrics_hub.collector_role_arn
}

output "target_list_bucket" {
  value = module.ecs_metrics_hub.target_list_bucket
}
`;

/** Where the organization hub example expects the extracted archive, relative to the root module. */
export const ORGANIZATION_HUB_EXAMPLE_SOURCE = `./${MODULE_NAME}/${ORGANIZATION_HUB_MODULE_DIR}`;

/** The organization hub example: the accounts of two units found at run time, beside one listed account-region. */
export const ORGANIZATION_HUB_EXAMPLE = `provider "aws" {
  region = "us-east-1"
}

module "ecs_metrics_hub" {
  # the archive extracted here: tar -xzf ${MODULE_NAME}-<version>.tar.gz -C ${MODULE_NAME}
  source = "${ORGANIZATION_HUB_EXAMPLE_SOURCE}"

  organization_id      = "o-a1b2c3d4e5"
  organization_account = "444444444444" # where the Organizations read role is (the organization stack's account)
  organization_units   = ["ou-ab12-cdef3456", "ou-ab12-ghij7890"]
  organization_regions = ["us-east-1", "eu-west-1"] # or ["*"]: every region enabled in each account
  # listed beside the organization's accounts, optional
  targets = [
    { account = "222222222222", region = "us-east-1", clusters = ["prod-api"] },
  ]
  account_id = "111111111111" # the hub's account; optional: without it, read from the credentials at plan
}

output "collector_role_arn" {
  description = "The role every spoke role trusts"
  value       = module.ecs_metrics_hub.collector_role_arn
}
`;

/** An example as the archive holds it: its source `dir`, two folders up then down (registry layout). */
const archiveExample = (example: string, source: string, dir: string) => example.replace(`"${source}"`, `"../../${dir}"`);

/** The hub example as the archive holds it. */
export const hubArchiveExample = (): string => archiveExample(HUB_EXAMPLE, HUB_EXAMPLE_SOURCE, HUB_MODULE_DIR);

const NOTES = [
  `Requires Terraform \`${REQUIRED_TERRAFORM}\` and the hashicorp/aws provider \`${AWS_PROVIDER_CONSTRAINT}\` (the project's tests run Terraform 1.11 with aws 5.100.0).`,
  FORMAT_NOTE,
];

/** A module's files below `dir`, its README, and its example in examples/`exampleName`. */
function moduleFiles(
  dir: string,
  module: TerraformJson,
  readme: Parameters<typeof moduleReadme>[0],
  exampleName: string,
  archiveExampleText: string,
): Record<string, string> {
  const json = Object.fromEntries(Object.entries(splitModule(module)).map(([file, content]) => [`${dir}/${file}`, `${JSON.stringify(content, null, 2)}\n`]));
  return { ...json, [`${dir}/README.md`]: moduleReadme(readme), [`examples/${exampleName}/main.tf`]: archiveExampleText };
}

/** The hub module's text files, by path below the archive's root. */
export function hubModuleTextFiles(module: TerraformJson, version: string): Record<string, string> {
  return moduleFiles(
    HUB_MODULE_DIR,
    module,
    {
      title: `${MODULE_NAME}//${HUB_MODULE_DIR}`,
      intro: [
        `Version ${version}. The hub of hub mode: one pipeline in the monitoring account-region that collects the ECS clusters of every`,
        'listed member account-region through the read-only spoke role of each member account. The member account-regions are written',
        'to a versioned S3 object the collector reads (the execution input names its version); the collector assumes the spoke role',
        '(`<name>-spoke` unless `spoke_role_name` says otherwise) in each account. The collector is sized from the fleet at plan, as the',
        'construct sizes it, and the plan fails when a tick of this fleet cannot finish within the interval.',
        'Generated by `npm run build` of cdktf-ecs-highres-metrics from its EcsHighResMetricsHub construct; the collector zip is the',
        "archive's, two folders up. The module configures no provider: it creates everything in the account and region of the `aws` provider it is given.",
        `For an organization whose accounts are found at run time, use \`${ORGANIZATION_HUB_MODULE_DIR}\`.`,
      ].join('\n'),
      example: HUB_EXAMPLE,
      variables: HUB_VARIABLES,
      outputs: HUB_OUTPUTS,
      limits: HUB_MODULE_LIMITS,
      notes: [
        "The target list object is byte for byte what the construct writes for the same members, and the collector is sized as the construct sizes it (a test plans both and compares); a test applies the module on the emulator, where one execution publishes the members' clusters through a spoke role.",
        ...NOTES,
      ],
    },
    'hub',
    hubArchiveExample(),
  );
}

/** The organization hub module's text files, by path below the archive's root. */
export function organizationHubModuleTextFiles(module: TerraformJson, version: string): Record<string, string> {
  return moduleFiles(
    ORGANIZATION_HUB_MODULE_DIR,
    module,
    {
      title: `${MODULE_NAME}//${ORGANIZATION_HUB_MODULE_DIR}`,
      intro: [
        `Version ${version}. The hub of an organization: the hub module's pipeline, collecting the ECS clusters of every ACTIVE account of`,
        'the organizational units given (less those excluded), in the regions given, found at run time by a discovery function that',
        'runs every minute through the Organizations read role of the organization stack; and any listed account-regions beside them.',
        "Every account needs the spoke role (the organization's StackSet deploys it) trusting this hub's collector and discovery roles.",
        'The collector is sized, as the construct sizes it, for the listed account-regions and `assumed_discovered_account_regions` more;',
        'the plan fails when a tick of that fleet cannot finish within the interval.',
        'Generated by `npm run build` of cdktf-ecs-highres-metrics from its EcsHighResMetricsHub construct with an `organization`; the collector',
        "zip (which the discovery function runs too) is the archive's, two folders up. The module configures no provider.",
      ].join('\n'),
      example: ORGANIZATION_HUB_EXAMPLE,
      variables: ORGANIZATION_HUB_VARIABLES,
      outputs: HUB_OUTPUTS,
      limits: ORGANIZATION_HUB_MODULE_LIMITS,
      notes: [
        'The target list object (version 2, with the organization section) is byte for byte what the construct writes for the same organization and members (a test plans both and compares).',
        ...NOTES,
      ],
    },
    'organization-hub',
    archiveExample(ORGANIZATION_HUB_EXAMPLE, ORGANIZATION_HUB_EXAMPLE_SOURCE, ORGANIZATION_HUB_MODULE_DIR),
  );
}
