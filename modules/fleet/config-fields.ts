/**
 * The fleet config's fields, each checked alone (config-checks.ts checks across them): the
 * pipeline settings, the clusters, an account, the hub, and the fleet's top level. `.meta()` adds
 * what a refinement checks but JSON Schema cannot infer from it.
 */
import { z } from 'zod';
import {
  ALLOWED_INTERVALS,
  clusterListProblems,
  clusterNameProblem,
  ECS_NAME,
  IAM_PATH,
  type IamKind,
  iamReferenceProblem,
  intervalProblem,
  SERVICE_INTERVALS,
  serviceIntervalProblem,
  LOG_RETENTION_DAYS,
  logRetentionProblem,
  MAX_TAGS,
  memoryProblem,
  namespaceProblem,
  PIPELINE_NAME,
  pipelineNameProblem,
  rolePathProblem,
  tagProblems,
  timeoutProblem,
} from '../common/rules';
import { metricSettings } from '../common/metric-settings-schema';
import { SETTINGS, settingDescription } from '../common/settings';
import { isObject } from '../common/values';
import { monitoringSettingsFields } from '../monitoring/settings-schema';
import { REGION_NAME, regionNameProblem } from '../common/region-names';
import { ACCOUNT_ID, ACCOUNT_ID_ALLOWED, ACCOUNT_ID_IS } from '../common/environment-rules';
import {
  EXTERNAL_ID,
  EXTERNAL_ID_ALLOWED,
  ORGANIZATION_ID,
  ORGANIZATION_ID_ALLOWED,
  ORGANIZATIONAL_UNIT_ID,
  organizationExclusionProblem,
  organizationUnitProblem,
  ROLE_ARN,
  ROLE_ARN_SHAPE,
  ROOT_ID,
  UNIT_ID_ALLOWED,
} from '../common/iam-rules';
import { backendConfigSchema } from './config-backends';
import type { AccountConfig, FleetConfig, HubConfig, OrganizationConfig, PipelineDefaults, RegionConfig, SameType, Topology } from './config-types';
import { matching, rule } from './zod-rules';

const tagMap = z
  .record(z.string(), z.string())
  .superRefine((tags, ctx) => {
    for (const { path, problem } of tagProblems(tags)) ctx.addIssue({ code: 'custom', message: problem, path: [...path] });
  })
  .meta({ maxProperties: MAX_TAGS, propertyNames: { minLength: 1, maxLength: 128, not: { pattern: '^[aA][wW][sS]:' } } })
  .describe("Tags merged onto every taggable resource (a region's win over its account's, which win over the defaults').");

const iamReference = (kind: IamKind, what: string) =>
  z
    .string()
    .superRefine(rule((reference: string) => iamReferenceProblem(kind, reference)))
    .describe(`${what}: an ARN, or a ${kind} name (with its path) that each account resolves to its own ${kind}.`);

/** Every setting a pipeline takes; set in `defaults`, overridden per account-region. */
const pipelineSettings = {
  intervalSeconds: z
    .number()
    .superRefine(rule(intervalProblem))
    .meta({ enum: [...ALLOWED_INTERVALS] })
    .optional()
    .describe(settingDescription('intervalSeconds')),
  // A multiple of the interval, checked with the pipeline's settings (pipelineProblems); here, a divisor of 60.
  serviceIntervalSeconds: z
    .number()
    .superRefine(rule((seconds: number) => serviceIntervalProblem(seconds, 1)))
    .meta({ enum: [...SERVICE_INTERVALS] })
    .optional()
    .describe(settingDescription('serviceIntervalSeconds')),
  namespace: z
    .string()
    .superRefine(rule(namespaceProblem))
    // Printable ASCII without the characters the dashboards' and alarms' queries cannot quote (NAMESPACE_UNQUOTABLE).
    .meta({ minLength: 1, maxLength: 255, pattern: '^[\\x20\\x21\\x23-\\x26\\x28-\\x5b\\x5d-\\x7e]+$', not: { pattern: '^[aA][wW][sS]/' } })
    .optional()
    .describe(settingDescription('namespace')),
  workflowType: z.enum(SETTINGS.workflowType.allowed).optional().describe(settingDescription('workflowType')),
  trigger: z.enum(SETTINGS.trigger.allowed).optional().describe(settingDescription('trigger')),
  logRetentionDays: z
    .number()
    .superRefine(rule(logRetentionProblem))
    .meta({ enum: [...LOG_RETENTION_DAYS] })
    .optional()
    .describe(settingDescription('logRetentionDays')),
  collectorMemoryMb: z
    .number()
    .superRefine(rule(memoryProblem))
    .meta({ type: 'integer', minimum: 128, maximum: 10240 })
    .optional()
    .describe(settingDescription('collectorMemoryMb')),
  collectorTimeoutSeconds: z
    .number()
    .superRefine(rule(timeoutProblem))
    .meta({ type: 'integer', minimum: 1, maximum: 900 })
    .optional()
    .describe(settingDescription('collectorTimeoutSeconds')),
  architecture: z.enum(SETTINGS.architecture.allowed).optional().describe(settingDescription('architecture')),
  stateMachineLogLevel: z.enum(SETTINGS.stateMachineLogLevel.allowed).optional().describe(settingDescription('stateMachineLogLevel')),
  tags: tagMap.optional(),
  rolePath: z
    .string()
    .superRefine(rule(rolePathProblem))
    .meta({ pattern: IAM_PATH.source, maxLength: 512 })
    .optional()
    .describe(settingDescription('rolePath')),
  permissionsBoundary: iamReference('policy', 'Permissions boundary of the roles the pipeline creates').optional(),
  existingRoles: z
    .strictObject({
      collector: iamReference('role', 'Role of the collector function').optional(),
      stateMachine: iamReference('role', 'Role of the state machine').optional(),
      trigger: iamReference('role', 'Role that starts the state machine').optional(),
    })
    .optional()
    .describe('Existing roles to use instead of creating them; nothing is attached to them.'),
  ...metricSettings,
  ...monitoringSettingsFields,
};

/** `clusters: "*"`: every cluster of the account-region, found by the collector with ListClusters. */
export const EVERY_CLUSTER = '*';

/** "*" inside the list is a cluster of that name: say what the user meant instead. */
const STAR_IN_LIST = `"*" in a list is a cluster named "*": for every cluster of the account-region, give "*" itself, without the list`;

const clusterList = z
  .array(z.string())
  .superRefine((clusters, ctx) => {
    for (const { path, problem } of clusterListProblems(clusters)) {
      const star = path.length === 1 && clusters[path[0] as number] === EVERY_CLUSTER && problem === clusterNameProblem(EVERY_CLUSTER);
      ctx.addIssue({ code: 'custom', message: star ? STAR_IN_LIST : problem, path: [...path] });
    }
  })
  .meta({ minItems: 1, uniqueItems: true, items: { type: 'string', pattern: ECS_NAME.source } })
  .describe('ECS cluster names of this account-region.');

/** The clusters of an account-region: a list, or "*" (the JSON Schema says oneOf: json-schema.ts turns this union's anyOf into it). */
export const clusterSelectionSchema = z
  .union(
    [
      z
        .literal(EVERY_CLUSTER)
        .describe('Every cluster of the account-region, listed by the collector at most once a minute: a new cluster gets metrics without a redeploy.'),
      clusterList,
    ],
    {
      error: (issue) =>
        issue.input === undefined
          ? 'is required: a list of ECS cluster names, or "*" for every cluster of the account-region'
          : 'is not a cluster list: list ECS cluster names, such as ["prod-api"], or give "*" for every cluster of the account-region',
    },
  )
  .describe('ECS cluster names of this account-region, or "*" for every cluster there.');

export const regionConfigSchema = z
  .strictObject({ clusters: clusterSelectionSchema, ...pipelineSettings })
  .describe('The pipeline of one account-region (in topology "hub": its clusters and services only).');

/** What a region may set in topology "hub": the rest configures the one hub pipeline (`defaults`) or tags a spoke role (the account's `tags`). */
export const HUB_REGION_KEYS: readonly string[] = ['clusters', 'services'];

export const pipelineDefaultsSchema = z.strictObject(pipelineSettings).describe('Settings of every pipeline unless a region overrides them.');

const deployRoleArn = matching(ROLE_ARN, ROLE_ARN_SHAPE).optional().describe('Role Terraform assumes to deploy into the account.');

/** The deploy role must be of the account it deploys into: allowed_account_ids would refuse any other. */
function deployRoleOfAccount(owner: { deployRoleArn?: unknown }, account: unknown, ctx: z.RefinementCtx): void {
  const roleAccount = typeof owner.deployRoleArn === 'string' ? owner.deployRoleArn.split(':')[4] : undefined;
  if (roleAccount && typeof account === 'string' && roleAccount !== account) {
    ctx.addIssue({
      code: 'custom',
      path: ['deployRoleArn'],
      message: `the role is in account ${roleAccount}, not ${account}: use a role of the account being deployed`,
    });
  }
}

export const accountConfigSchema = z
  .strictObject({
    id: matching(ACCOUNT_ID, ACCOUNT_ID_IS).describe(`AWS account ID (${ACCOUNT_ID_ALLOWED}).`),
    deployRoleArn,
    tags: tagMap.optional(),
    regions: z
      .record(z.string(), regionConfigSchema)
      .superRefine((regions, ctx) => {
        const names = Object.keys(regions);
        if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'no regions: name at least one region' });
        for (const name of names) {
          // Any well-formed name: regions AWS opens after this release are warned about at synth, not refused.
          const problem = regionNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
        }
      })
      .meta({ minProperties: 1, propertyNames: { pattern: REGION_NAME.source } })
      .describe('Pipelines of this account, by region name.'),
  })
  .superRefine((account, ctx) => deployRoleOfAccount(account, account.id, ctx), { when: ({ value }) => isObject(value) })
  .describe('One AWS account and its pipelines.');

/** How the fleet collects: a pipeline in every account-region, or one hub pipeline reading every member through a spoke role. */
export const TOPOLOGIES = ['account-region', 'hub'] as const satisfies readonly Topology[];
export type { Topology };

export const hubConfigSchema = z
  .strictObject({
    account: matching(ACCOUNT_ID, ACCOUNT_ID_IS).describe(`The monitoring account that runs the hub pipeline (${ACCOUNT_ID_ALLOWED}).`),
    region: z
      .string()
      .superRefine(rule(regionNameProblem))
      .meta({ pattern: REGION_NAME.source })
      .describe('Region of the hub pipeline; its metrics, dashboards and alarms are there.'),
    deployRoleArn: deployRoleArn.describe('Role Terraform assumes to deploy the hub into its account.'),
    externalId: matching(EXTERNAL_ID, `an external ID is ${EXTERNAL_ID_ALLOWED}`)
      .optional()
      .describe('sts:ExternalId the hub passes and every spoke role requires. Default none.'),
    organizationId: matching(ORGANIZATION_ID, `an AWS Organizations ID is ${ORGANIZATION_ID_ALLOWED}`)
      .optional()
      .describe(
        'The hub may assume the spoke role in any account of this organization (one IAM condition at any fleet size) instead of the listed accounts only.',
      ),
    assumedCallLatencyMs: z
      .number()
      .optional()
      .describe(
        "Milliseconds one AWS call from the hub takes, as the hub's tick model assumes it (1 to 10,000): a hub whose warm tick cannot finish within the interval at this latency is refused. Default 50.",
      ),
    assumedClustersPerDiscoveredRegion: z
      .number()
      .optional()
      .describe(
        'Clusters the hub\'s sizing (collector memory, timeout) and tick model assume in an account-region whose clusters are "*" (1 to 10,000). Default 25.',
      ),
    assumedDiscoveredAccountRegions: z
      .number()
      .optional()
      .describe(
        'With an organization: account-regions with clusters the hub\'s sizing (collector memory, timeout, "auto" shards) and tick model assume the discovery finds beside the listed ones (1 to 100,000), each "*" (assumedClustersPerDiscoveredRegion clusters); a hub whose tick would not fit is refused. Ignored without an organization. Default 200 (100 accounts × 2 regions).',
      ),
    shards: z
      .union([z.number(), z.literal('auto')])
      .optional()
      .describe(
        'Collector invocations per tick (1 to 40), run at once by a Map state; each collects the account-regions whose hash of account/region is its index modulo the count. "auto": the hub\'s tick model chooses, 1 while one invocation\'s steady tick fits within half the interval, else the fewest whose slowest shard does. Default 1.',
      ),
  })
  .superRefine((hub, ctx) => deployRoleOfAccount(hub, hub.account, ctx), { when: ({ value }) => isObject(value) })
  .describe('With topology "hub": the account-region of the one pipeline that collects every member account-region.');

/** `regions: "*"` of an organization: every region enabled in each account, found at run time. */
export const EVERY_REGION = '*';

/** An organizational unit or root ID, as a JSON Schema pattern (either form). */
const UNIT_PATTERN = `${ORGANIZATIONAL_UNIT_ID.source}|${ROOT_ID.source}`;

/** Each item listed once: `what` names the list in the message. */
const listedOnce =
  (what: string) =>
  (items: readonly string[], ctx: z.RefinementCtx): void => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const at = first.get(item);
      if (at === undefined) first.set(item, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `${JSON.stringify(item)} is listed twice (also at [${at}]): list each ${what} once` });
    });
  };

/** Who creates the StackSet: the management account itself, or a delegated administrator for CloudFormation StackSets. */
export const STACK_SET_ADMINISTRATORS = ['delegated-administrator', 'management'] as const;

export const organizationConfigSchema = z
  .strictObject({
    account: matching(ACCOUNT_ID, ACCOUNT_ID_IS).describe(
      `The account of the organization stack (the StackSet of spoke roles and the Organizations read role): a delegated administrator for CloudFormation StackSets (recommended), or the organization's management account (${ACCOUNT_ID_ALLOWED}).`,
    ),
    administrator: z
      .enum(STACK_SET_ADMINISTRATORS)
      .optional()
      .describe(
        'What `account` is to the organization: "delegated-administrator" (default; the StackSet is created with call_as DELEGATED_ADMIN) or "management" (call_as SELF).',
      ),
    deployRoleArn: deployRoleArn.describe('Role Terraform assumes to deploy the organization stack into its account.'),
    units: z
      .array(z.string().superRefine(rule(organizationUnitProblem)).meta({ pattern: UNIT_PATTERN }))
      .min(1, { message: `no units: list at least one, ${UNIT_ID_ALLOWED}` })
      .superRefine(listedOnce('unit'))
      .meta({ uniqueItems: true })
      .describe(
        'Organizational units (or the root) whose ACTIVE accounts, in every OU below them, the hub collects; the StackSet deploys the spoke role to each.',
      ),
    regions: z
      .union(
        [
          z.literal(EVERY_REGION).describe('Every region enabled in each account, found at run time (ec2:DescribeRegions).'),
          z
            .array(z.string().superRefine(rule(regionNameProblem)).meta({ pattern: REGION_NAME.source }))
            .min(1, { message: 'no regions: list at least one region, or give "*" for every region enabled in each account' })
            .superRefine(listedOnce('region'))
            .meta({ uniqueItems: true }),
        ],
        { error: () => 'is not a region list: list region names, such as ["us-east-1"], or give "*" for every region enabled in each account' },
      )
      .describe('Regions the hub looks at in each account: a list, or "*" for every region enabled in the account.'),
    exclude: z
      .array(
        z
          .string()
          .superRefine(rule(organizationExclusionProblem))
          .meta({ pattern: `${ACCOUNT_ID.source}|${ORGANIZATIONAL_UNIT_ID.source}` }),
      )
      .superRefine(listedOnce('account or unit'))
      .meta({ uniqueItems: true })
      .optional()
      .describe(`Accounts (${ACCOUNT_ID_ALLOWED}) or organizational units the hub leaves out, with every account below them. Default none.`),
  })
  .superRefine((organization, ctx) => deployRoleOfAccount(organization, organization.account, ctx), { when: ({ value }) => isObject(value) })
  .describe(
    'With topology "hub": the organizational units whose accounts the hub finds at run time (AWS Organizations), beside or instead of `accounts`. Synthesized as one more stack, `<name>-<account>-organization`.',
  );

/** The fleet's fields, each checked alone; fleetConfigSchema adds the checks across them. */
export const fleetFields = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
  name: z
    .string()
    .superRefine(rule(pipelineNameProblem))
    .meta({ pattern: PIPELINE_NAME.source })
    .describe('Name of the fleet: prefixes stack names and every resource name.'),
  topology: z
    .enum(TOPOLOGIES)
    .optional()
    .describe(
      'account-region (default): a pipeline in every account-region. hub: one pipeline in `hub` collects every account-region through a read-only role per member account; `defaults` configures it.',
    ),
  hub: hubConfigSchema.optional(),
  organization: organizationConfigSchema.optional(),
  defaults: pipelineDefaultsSchema.optional(),
  backend: backendConfigSchema.optional(),
  // At least one account unless an organization is given: topologyProblems says so.
  accounts: z.array(accountConfigSchema).default([]).describe('The AWS accounts of the fleet, each listed once (with `organization`: may be empty or absent).'),
});

export type { AccountConfig, FleetConfig, HubConfig, OrganizationConfig, PipelineDefaults, RegionConfig } from './config-types';

/** The written-out config types (config-types.ts) are what the schema parses: tsc fails here when they drift. */
export const CONFIG_TYPES_MATCH_SCHEMA: SameType<FleetConfig, z.infer<typeof fleetFields>> &
  SameType<AccountConfig, z.infer<typeof accountConfigSchema>> &
  SameType<RegionConfig, z.infer<typeof regionConfigSchema>> &
  SameType<HubConfig, z.infer<typeof hubConfigSchema>> &
  SameType<OrganizationConfig, z.infer<typeof organizationConfigSchema>> &
  SameType<PipelineDefaults, z.infer<typeof pipelineDefaultsSchema>> = true;
