/**
 * The input variables of the hub's Terraform module (modules/hub of the archive): the pipeline
 * module's settings where the hub has the same (pipeline-variables.ts), the member account-regions
 * as one list variable, the spoke role the hub assumes, and the tick model's assumptions that size
 * the collector. Each with the `validation` blocks Terraform can express, from the rule constants.
 * Pure: the module's build declares them, its README tables them, tests read them.
 */
import { ACCOUNT_ID } from '../../../modules/common/environment-rules';
import { ORGANIZATION_ID, ORGANIZATION_ID_ALLOWED, ORGANIZATIONAL_UNIT_ID, ROOT_ID, UNIT_ID_ALLOWED } from '../../../modules/common/iam-rules';
import { REGION_NAME } from '../../../modules/common/region-names';
import { ECS_NAME } from '../../../modules/common/rules';
import { SETTINGS } from '../../../modules/common/settings';
import { BUCKET_PREFIX_LIMIT, targetBucketPrefix } from '../../../modules/hub/hub-names';
import { HUB_TICK_BOUNDS, HUB_TICK_DEFAULTS } from '../../../modules/hub/hub-tick';
import { externalIdValidation, iamPathValidation, re2, roleNameValidation } from './hcl-validations';
import { type ModuleVariable, PIPELINE_VARIABLES } from './pipeline-variables';

/** The longest hub name whose target list bucket prefix (`<name>-targets-`) fits S3's limit. */
export const HUB_NAME_MAX = BUCKET_PREFIX_LIMIT - targetBucketPrefix('').length;

/** What a `clusters` list holds to mean "every cluster of the account-region" (the construct's "*"). */
export const EVERY_CLUSTER = '*';

const pipelineVariable = (name: string): ModuleVariable => {
  const found = PIPELINE_VARIABLES.find((v) => v.name === name);
  if (!found) throw new Error(`the pipeline module has no variable ${name}`);
  return found;
};

/** A target's clusters are "*" (every cluster, found at run time). */
export const IS_EVERY_CLUSTER = (target: string) => `(length(${target}.clusters) == 1 && ${target}.clusters[0] == "${EVERY_CLUSTER}")`;

const TARGETS: ModuleVariable = {
  name: 'targets',
  type: 'list(object({ account = string, region = string, clusters = list(string) }))',
  description:
    'Every member account-region the hub collects, each once: its account (12 digits), region, and the names of its ECS clusters, or ["*"] for every cluster there (found at run time with ListClusters). ' +
    "Each member account needs the spoke role (the spoke module or the construct's EcsHighResMetricsSpoke) trusting this hub's collector role.",
  validations: [
    { condition: 'length(var.targets) > 0', message: 'targets is empty: list every member account-region to collect, each with its clusters or ["*"].' },
    {
      condition: `alltrue([for t in var.targets : can(regex(${re2(ACCOUNT_ID)}, t.account))])`,
      message: `targets: account \${join(", ", [for t in var.targets : jsonencode(t.account) if !can(regex(${re2(ACCOUNT_ID)}, t.account))])} is not an AWS account ID: use its 12 digits.`,
    },
    {
      condition: `alltrue([for t in var.targets : can(regex(${re2(REGION_NAME)}, t.region))])`,
      message: `targets: region \${join(", ", [for t in var.targets : jsonencode(t.region) if !can(regex(${re2(REGION_NAME)}, t.region))])} is not an AWS region: use a region code such as eu-west-1.`,
    },
    {
      condition: `alltrue([for t in var.targets : length(t.clusters) > 0 && (${IS_EVERY_CLUSTER('t')} || alltrue([for c in t.clusters : can(regex(${re2(ECS_NAME)}, c))]))])`,
      message:
        `targets: the clusters of \${join(", ", [for t in var.targets : "\${t.account}/\${t.region}" if !(length(t.clusters) > 0 && (${IS_EVERY_CLUSTER('t')} || alltrue([for c in t.clusters : can(regex(${re2(ECS_NAME)}, c))])))])} ` +
        'are not a cluster list: list 1 to 255-character names of letters, digits, hyphens and underscores, or ["*"] alone for every cluster of the account-region.',
    },
    {
      condition: 'alltrue([for t in var.targets : length(distinct(t.clusters)) == length(t.clusters)])',
      message: 'targets: a cluster is listed twice in one account-region: list each once.',
    },
    {
      condition: 'length(distinct([for t in var.targets : "${t.account}/${t.region}"])) == length(var.targets)',
      message: 'targets: an account-region is listed twice: list each account-region once, with all its clusters.',
    },
  ],
};

const NAME: ModuleVariable = {
  ...pipelineVariable('name'),
  validations: [
    ...pipelineVariable('name').validations,
    {
      condition: `length(var.name) <= ${HUB_NAME_MAX} && can(regex("^[A-Za-z0-9]", var.name)) && !startswith(lower(var.name), "xn--") && !startswith(lower(var.name), "sthree-") && !startswith(lower(var.name), "amzn-s3-demo-")`,
      message:
        `name: \${jsonencode(var.name)} does not make a bucket prefix for the target list ("<name>-targets-", lowercase): use at most ${HUB_NAME_MAX} characters, ` +
        'beginning with a letter or digit, not beginning with "xn--", "sthree-" or "amzn-s3-demo-".',
    },
  ],
};

const nullableWhole = (name: string, min: number, max: number, what: string, unit: string) => ({
  condition: `var.${name} == null ? true : floor(var.${name}) == var.${name} && var.${name} >= ${min} && var.${name} <= ${max}`,
  message: `${name}: \${coalesce(var.${name}, 0)}${unit} is not ${what}: use a whole number from ${min} to ${max}.`,
});

const tickVariable = (name: string, key: keyof typeof HUB_TICK_BOUNDS, description: string): ModuleVariable => {
  const { min, max } = HUB_TICK_BOUNDS[key];
  return {
    name,
    type: 'number',
    description,
    default: HUB_TICK_DEFAULTS[key],
    validations: [
      {
        condition: `floor(var.${name}) == var.${name} && var.${name} >= ${min} && var.${name} <= ${max}`,
        message: `${name}: \${var.${name}} is not a whole number from ${min} to ${max}.`,
      },
    ],
  };
};

/** The organization hub's listed targets: beside the organization, and possibly none. */
const LISTED_TARGETS: ModuleVariable = {
  ...TARGETS,
  description: `Member account-regions collected beside the organization's (found at run time), as in the hub module's \`targets\`; default none.`,
  default: [],
  validations: TARGETS.validations.slice(1),
};

/** Whether the organization's regions are ["*"]: every region enabled in each account. */
export const ORGANIZATION_EVERY_REGION = '(length(var.organization_regions) == 1 && var.organization_regions[0] == "*")';

const ORGANIZATION_VARIABLES: readonly ModuleVariable[] = [
  {
    name: 'organization_id',
    type: 'string',
    description: 'AWS Organizations ID: the collector and the discovery may assume the spoke role in any account of the organization.',
    validations: [
      {
        condition: `can(regex(${re2(ORGANIZATION_ID)}, var.organization_id))`,
        message: `organization_id: \${jsonencode(var.organization_id)} is not an AWS Organizations ID: use ${ORGANIZATION_ID_ALLOWED}.`,
      },
    ],
  },
  {
    name: 'organization_account',
    type: 'string',
    description:
      "The organization stack's account (12 digits): the management account or the delegated administrator, where the Organizations read role `<name>-organizations-read` is (the organization module or EcsHighResMetricsOrganization creates it).",
    validations: [
      {
        condition: `can(regex(${re2(ACCOUNT_ID)}, var.organization_account))`,
        message: 'organization_account: ${jsonencode(var.organization_account)} is not an AWS account ID: use its 12 digits.',
      },
    ],
  },
  {
    name: 'organization_units',
    type: 'list(string)',
    description: 'Organizational unit IDs (or the root ID) whose ACTIVE accounts are collected, every OU below them included.',
    validations: [
      {
        condition: `length(var.organization_units) > 0 && alltrue([for u in var.organization_units : can(regex(${re2(ORGANIZATIONAL_UNIT_ID)}, u)) || can(regex(${re2(ROOT_ID)}, u))])`,
        message: `organization_units: \${jsonencode(var.organization_units)} must list at least one unit, each ${UNIT_ID_ALLOWED}.`,
      },
      {
        condition: 'length(distinct(var.organization_units)) == length(var.organization_units)',
        message: 'organization_units: a unit is given twice: give each once.',
      },
    ],
  },
  {
    name: 'organization_regions',
    type: 'list(string)',
    description: 'Regions to look at in each account of the organization, or ["*"] for every region enabled in the account.',
    validations: [
      {
        condition: `length(var.organization_regions) > 0 && (${ORGANIZATION_EVERY_REGION} || alltrue([for r in var.organization_regions : can(regex(${re2(REGION_NAME)}, r))]))`,
        message:
          'organization_regions: ${jsonencode(var.organization_regions)} is not a region list: list region codes such as eu-west-1, or ["*"] alone for every region enabled in each account.',
      },
      {
        condition: 'length(distinct(var.organization_regions)) == length(var.organization_regions)',
        message: 'organization_regions: a region is given twice: give each once.',
      },
    ],
  },
  {
    name: 'organization_exclude',
    type: 'list(string)',
    description: 'Accounts (12 digits) or organizational unit IDs (with everything below them) the discovery leaves out.',
    default: [],
    validations: [
      {
        condition: `alltrue([for x in var.organization_exclude : can(regex(${re2(ACCOUNT_ID)}, x)) || can(regex(${re2(ORGANIZATIONAL_UNIT_ID)}, x))])`,
        message:
          'organization_exclude: ${jsonencode(var.organization_exclude)} must hold only 12-digit account IDs and organizational unit IDs ("ou-ab12-cdef3456").',
      },
      {
        condition: 'length(distinct(var.organization_exclude)) == length(var.organization_exclude)',
        message: 'organization_exclude: an ID is given twice: give each once.',
      },
    ],
  },
];

/**
 * A hub module's variables, in the README's order: the hub of listed members, or (`organization`)
 * the hub of an organization found at run time, beside listed members if any.
 */
export function hubVariables(organization: boolean): ModuleVariable[] {
  const common = HUB_VARIABLES_BASE.filter((v) => v.name !== 'targets' && (!organization || v.name !== 'organization_id'));
  if (!organization) return [TARGETS, ...common];
  const at = common.findIndex((v) => v.name === 'assumed_call_latency_ms');
  return [
    ...ORGANIZATION_VARIABLES,
    LISTED_TARGETS,
    ...common.slice(0, at),
    common[at],
    common[at + 1],
    tickVariable(
      'assumed_discovered_account_regions',
      'assumedDiscoveredAccountRegions',
      'Account-regions with clusters the sizing and the tick model assume the discovery finds beside the listed targets, each ["*"] (assumed_clusters_per_discovered_region clusters). The plan fails when their tick would not fit.',
    ),
    ...common.slice(at + 2),
  ];
}

const HUB_VARIABLES_BASE: readonly ModuleVariable[] = [
  TARGETS,
  NAME,
  pipelineVariable('interval_seconds'),
  pipelineVariable('namespace'),
  pipelineVariable('metrics'),
  pipelineVariable('workflow_type'),
  pipelineVariable('architecture'),
  pipelineVariable('state_machine_log_level'),
  pipelineVariable('log_retention_days'),
  {
    name: 'collector_memory_mb',
    setting: 'collectorMemoryMb',
    type: 'number',
    description:
      'Collector memory in MB, its CPU share. null: sized from the fleet as the construct sizes it (a ["*"] account-region counted as assumed_clusters_per_discovered_region clusters): ' +
      '128 up to 1,000 clusters, 512 up to 5,000, 1,024 up to 25,000, 1,769 above, more when the clusters need it to fit in memory.',
    default: null,
    validations: [nullableWhole('collector_memory_mb', 128, 10240, 'a Lambda memory size', ' MB')],
  },
  {
    name: 'collector_timeout_seconds',
    setting: 'collectorTimeoutSeconds',
    type: 'number',
    description: `Collector timeout in seconds; the collector stops collecting halfway to it. null: ${SETTINGS.collectorTimeoutSeconds.defaultText}, longer when the modelled cold tick needs it to collect every account-region.`,
    default: null,
    validations: [nullableWhole('collector_timeout_seconds', 1, 900, 'a Lambda timeout', ' s')],
  },
  pipelineVariable('role_path'),
  {
    name: 'spoke_role_name',
    type: 'string',
    description: 'Name of the spoke role the collector assumes in every member account. null: "<name>-spoke".',
    default: null,
    validations: [roleNameValidation('spoke_role_name')],
  },
  {
    name: 'spoke_role_path',
    type: 'string',
    description: 'IAM path of the spoke role. null: role_path.',
    default: null,
    validations: [iamPathValidation('spoke_role_path')],
  },
  {
    name: 'external_id',
    type: 'string',
    description: 'Passed as sts:ExternalId on every AssumeRole; each spoke role must require it. null: no external ID.',
    default: null,
    validations: [externalIdValidation('external_id')],
  },
  {
    name: 'organization_id',
    type: 'string',
    description:
      "AWS Organizations ID: the collector may assume the spoke role in any account of the organization (one condition, whatever the fleet's size) instead of in the listed accounts only. " +
      'The accounts collected are still the listed targets. null: the listed accounts only.',
    default: null,
    validations: [
      {
        condition: `var.organization_id == null ? true : can(regex(${re2(ORGANIZATION_ID)}, var.organization_id))`,
        message: `organization_id: \${jsonencode(var.organization_id)} is not an AWS Organizations ID: use ${ORGANIZATION_ID_ALLOWED}.`,
      },
    ],
  },
  tickVariable(
    'assumed_call_latency_ms',
    'assumedCallLatencyMs',
    "Milliseconds the hub's tick model assumes for one AWS call from the hub (S3, STS, ECS, CloudWatch). The plan fails when a tick cannot finish within the interval at this latency; the default timeout covers a cold tick at it.",
  ),
  tickVariable(
    'assumed_clusters_per_discovered_region',
    'assumedClustersPerDiscoveredRegion',
    'Clusters the sizing and the tick model assume in an account-region whose clusters are ["*"].',
  ),
  pipelineVariable('account_id'),
  pipelineVariable('tags'),
];

/** The hub module's variables. */
export const HUB_VARIABLES: readonly ModuleVariable[] = hubVariables(false);

/** The organization hub module's variables. */
export const ORGANIZATION_HUB_VARIABLES: readonly ModuleVariable[] = hubVariables(true);
