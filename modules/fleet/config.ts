/**
 * The fleet config: which clusters of which account-regions get a pipeline, and how.
 * One zod schema validates it and is exported as JSON Schema for editors (json-schema.ts);
 * `.meta()` adds what a refinement checks but JSON Schema cannot infer from it.
 */
import { z } from 'zod';
import {
  ALLOWED_INTERVALS,
  clusterListProblems,
  clusterNameProblem,
  ECS_NAME,
  IAM_PATH,
  iamArnAccount,
  type IamKind,
  iamReferenceProblem,
  intervalProblem,
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
import { fleetStackName, hubStackName, spokeStackName, stackNameProblems, workspaceName } from './naming';
import { REGION_NAME, regionNameProblem } from '../common/region-names';
import { ACCOUNT_ID } from '../common/environment-rules';
import { EXTERNAL_ID, EXTERNAL_ID_ALLOWED, ORGANIZATION_ID, ORGANIZATION_ID_ALLOWED } from '../common/iam-rules';

/** Turns a rule of ../common/rules into a zod refinement with the same message. */
function rule<T>(problemOf: (value: T) => string | undefined) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** A string matching `pattern`, else `message`; the pattern also goes into the JSON Schema. */
function matching(pattern: RegExp, message: string) {
  return z.string().regex(pattern, { message });
}

/** Whether the cross-field checks can read `value` (accounts with their regions), whatever else is wrong in it. */
function hasFleetShape(value: unknown): boolean {
  return (
    isObject(value) &&
    Array.isArray(value.accounts) &&
    value.accounts.every((account) => isObject(account) && isObject(account.regions) && Object.values(account.regions).every(isObject))
  );
}

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

const deployRoleArn = matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, 'an IAM role ARN looks like arn:aws:iam::111111111111:role/terraform')
  .optional()
  .describe('Role Terraform assumes to deploy into the account.');

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
    id: matching(ACCOUNT_ID, 'an AWS account ID is 12 digits').describe('AWS account ID (12 digits).'),
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
export const TOPOLOGIES = ['account-region', 'hub'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

export const hubConfigSchema = z
  .strictObject({
    account: matching(ACCOUNT_ID, 'an AWS account ID is 12 digits').describe('The monitoring account that runs the hub pipeline (12 digits).'),
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
  })
  .superRefine((hub, ctx) => deployRoleOfAccount(hub, hub.account, ctx), { when: ({ value }) => isObject(value) })
  .describe('With topology "hub": the account-region of the one pipeline that collects every member account-region.');

const S3_BUCKET = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(?:\/[A-Za-z0-9!_.*'()-]+)*$/;
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const TFC_NAME = /^[A-Za-z0-9_-]+$/;
const TFC_WORKSPACE_PREFIX = /^[A-Za-z0-9_-]*$/;
const TFC_PROJECT = /^[A-Za-z0-9_-](?:[A-Za-z0-9 _-]{0,38}[A-Za-z0-9_-])?$/;
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;
/** Terraform Cloud refuses longer workspace names. */
export const MAX_WORKSPACE_NAME = 90;

export const localBackendSchema = z.strictObject({ type: z.literal('local') }).describe('State in a local file beside each synthesized stack.');

export const s3BackendSchema = z
  .strictObject({
    type: z.literal('s3'),
    bucket: matching(S3_BUCKET, 'an S3 bucket name is 3 to 63 lowercase letters, digits, dots and hyphens').describe("Bucket that holds every stack's state."),
    region: z.string().superRefine(rule(regionNameProblem)).meta({ pattern: REGION_NAME.source }).describe('Region of the bucket.'),
    keyPrefix: matching(S3_KEY_PREFIX, 'a key prefix is path segments of letters, digits and !_.*\'()- separated by "/", without a leading or trailing "/"')
      .optional()
      .describe('Prefix of each state key: `<keyPrefix>/<stack>/terraform.tfstate`. Default: none.'),
    dynamodbTable: matching(DYNAMODB_TABLE, 'a DynamoDB table name is 3 to 255 letters, digits, _ . and -')
      .optional()
      .describe('DynamoDB table for state locking (Terraform before 1.10).'),
    useLockfile: z.boolean().optional().describe('Lock with a lock file in the bucket (Terraform 1.10 or later). Default false.'),
  })
  .describe('State in an S3 bucket, one key per stack, encrypted.');

export const cloudBackendSchema = z
  .strictObject({
    type: z.literal('cloud'),
    organization: matching(TFC_NAME, 'an organization name is letters, digits, - and _').describe('Terraform Cloud / Enterprise organization.'),
    workspacePrefix: matching(TFC_WORKSPACE_PREFIX, 'a workspace prefix is letters, digits, - and _ (or empty)').describe(
      'Each stack runs in the workspace `<workspacePrefix><stack>`.',
    ),
    hostname: matching(HOSTNAME, 'a hostname looks like app.terraform.io or tfe.example.com')
      .optional()
      .describe('Terraform Enterprise hostname. Default app.terraform.io.'),
    project: matching(TFC_PROJECT, 'a project name is 1 to 40 letters, digits, inner spaces, - and _')
      .optional()
      .describe("Project of the workspaces. Default: the organization's default project."),
  })
  .describe('Terraform Cloud or Enterprise: one workspace per stack.');

export const backendConfigSchema = z
  .discriminatedUnion('type', [localBackendSchema, s3BackendSchema, cloudBackendSchema])
  .describe('Where each stack keeps its Terraform state. Default local.');

/** The fleet's fields, each checked alone; fleetConfigSchema adds the checks across them. */
const fleetFields = z.strictObject({
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
  defaults: pipelineDefaultsSchema.optional(),
  backend: backendConfigSchema.optional(),
  accounts: z
    .array(accountConfigSchema)
    .min(1, { message: 'no accounts: list at least one account' })
    .describe('The AWS accounts of the fleet, each listed once.'),
});

export type FleetConfig = z.infer<typeof fleetFields>;
export type AccountConfig = z.infer<typeof accountConfigSchema>;
export type RegionConfig = z.infer<typeof regionConfigSchema>;
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type PipelineDefaults = z.infer<typeof pipelineDefaultsSchema>;
export type BackendConfig = z.infer<typeof backendConfigSchema>;
export type S3BackendConfig = z.infer<typeof s3BackendSchema>;
export type CloudBackendConfig = z.infer<typeof cloudBackendSchema>;

/** The tags of one account-region: defaults, then the account's, then the region's (the most specific wins). */
export function mergedTags(
  defaults: PipelineDefaults | undefined,
  account: Pick<AccountConfig, 'tags'>,
  region: Pick<RegionConfig, 'tags'>,
): Record<string, string> {
  return { ...defaults?.tags, ...account.tags, ...region.tags };
}

/** The tags of a spoke stack (topology "hub"): the defaults', then the account's (the more specific wins). */
export function spokeTags(defaults: PipelineDefaults | undefined, account: Pick<AccountConfig, 'tags'>): Record<string, string> {
  return { ...defaults?.tags, ...account.tags };
}

export const fleetConfigSchema = fleetFields
  // Run even when fields have problems, so that every problem is reported at once.
  .superRefine(topologyProblems, { when: ({ value }) => isObject(value) })
  .superRefine(fleetProblems, { when: ({ value }) => hasFleetShape(value) })
  .meta({ title: 'ECS high-resolution metrics fleet' })
  .describe('A fleet of high-resolution ECS metrics pipelines: one per account-region, or one hub pipeline for them all.');

/** `hub` goes with topology "hub" and only with it. */
function topologyProblems(fleet: Partial<FleetConfig>, ctx: z.RefinementCtx): void {
  if (fleet.topology === 'hub' && fleet.hub === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['hub'],
      message: 'is required with topology "hub": give the hub\'s account and region, such as { "account": "999999999999", "region": "eu-west-1" }',
    });
  }
  if (fleet.hub !== undefined && (fleet.topology === undefined || fleet.topology === 'account-region')) {
    const now = fleet.topology === undefined ? 'topology is not set (default "account-region")' : 'topology is "account-region"';
    ctx.addIssue({
      code: 'custom',
      path: ['hub'],
      message: `is set, but ${now}, which has no hub: set "topology": "hub" to collect every account-region from the hub, or remove hub`,
    });
  }
}

/** Settings that name an IAM role or policy, by their path inside a settings object. */
const IAM_REFERENCES: ReadonlyArray<{ readonly field: readonly [keyof PipelineDefaults, ...string[]]; readonly kind: IamKind }> = [
  { field: ['permissionsBoundary'], kind: 'policy' },
  { field: ['existingRoles', 'collector'], kind: 'role' },
  { field: ['existingRoles', 'stateMachine'], kind: 'role' },
  { field: ['existingRoles', 'trigger'], kind: 'role' },
];

/** The account that owns an IAM ARN, when `reference` is one of a customer account (not a name, not AWS-managed). */
function customerOwner(kind: IamKind, reference: unknown): string | undefined {
  const owner = typeof reference === 'string' ? iamArnAccount(kind, reference) : undefined;
  return owner === 'aws' ? undefined : owner;
}

/**
 * Problems that span fields: accounts listed twice, IAM ARNs of another account, limits of
 * merged values, derived names. Fields may be invalid here (hasFleetShape only checks the shape),
 * so each is read for what it should be and skipped when it is not.
 */
function fleetProblems(fleet: FleetConfig, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  const reported = new Set<string>();
  // A default shared by many account-regions is reported once.
  const report = (path: PropertyKey[], message: string) => {
    const key = JSON.stringify(path);
    if (reported.has(key)) return;
    reported.add(key);
    ctx.addIssue({ code: 'custom', path, message });
  };
  const hub = fleet.topology === 'hub' ? fleet.hub : undefined;
  fleet.accounts.forEach((account, index) => {
    const first = firstIndex.get(account.id);
    if (first === undefined) firstIndex.set(account.id, index);
    else
      report(
        ['accounts', index, 'id'],
        `account ${account.id} is listed twice (also at accounts[${first}]): list each account once and put all its regions under it`,
      );
    if (fleet.topology === 'hub') {
      hubMemberProblems(fleet, account, index, report);
      return;
    }
    for (const [region, regionConfig] of Object.entries(account.regions)) {
      const regionPath = ['accounts', index, 'regions', region];
      for (const { field, kind } of IAM_REFERENCES) {
        // A region's setting replaces the default's whole value, as in pipelineProps.
        const fromRegion = regionConfig[field[0]] !== undefined;
        const owner = customerOwner(kind, valueAt(fromRegion ? regionConfig : fleet.defaults, field));
        if (!owner || owner === account.id) continue;
        if (fromRegion) {
          report(
            [...regionPath, ...field],
            `the ${kind} is in account ${owner}, not ${account.id}: use a ${kind} of the account being deployed, or give its name`,
          );
        } else {
          report(
            ['defaults', ...field],
            `the ${kind} is in account ${owner}, but accounts[${index}] is ${account.id}: in defaults, give the ${kind}'s name so that each account uses its own`,
          );
        }
      }
      const tagCount = Object.keys(mergedTags(fleet.defaults, account, regionConfig)).length;
      if (tagCount > MAX_TAGS && [fleet.defaults?.tags, account.tags, regionConfig.tags].every((t) => t === undefined || isObject(t))) {
        report(regionPath, `${tagCount} tags once defaults, account and region tags are merged: AWS allows at most ${MAX_TAGS} on a resource`);
      }
      if (typeof fleet.name === 'string') stackProblems(fleet, fleetStackName(fleet.name, account.id, region), report);
    }
  });
  if (hub && isObject(hub)) hubAccountProblems(fleet, hub, report);
}

/** Problems of the names derived from one stack's name: its directory, its state key, its workspace. */
function stackProblems(fleet: FleetConfig, stack: string, report: Report): void {
  for (const { path, problem } of stackNameProblems(fleet, stack)) report([...path], problem);
  if (fleet.backend?.type === 'cloud' && typeof fleet.backend.workspacePrefix === 'string') {
    const workspace = workspaceName(fleet.backend.workspacePrefix, stack);
    if (workspace.length > MAX_WORKSPACE_NAME) {
      report(
        ['backend', 'workspacePrefix'],
        `the workspace name "${workspace}" is ${workspace.length} characters, over Terraform Cloud's ${MAX_WORKSPACE_NAME}: shorten workspacePrefix or the fleet name`,
      );
    }
  }
}

type Report = (path: PropertyKey[], message: string) => void;

/** In topology "hub", a member account-region names what to collect; every pipeline setting is the hub's. */
function hubMemberProblems(fleet: FleetConfig, account: AccountConfig, index: number, report: Report): void {
  for (const [region, regionConfig] of Object.entries(account.regions)) {
    for (const [key, value] of Object.entries(regionConfig)) {
      if (value === undefined || HUB_REGION_KEYS.includes(key) || !Object.hasOwn(regionConfigSchema.shape, key)) continue;
      report(
        ['accounts', index, 'regions', region, key],
        key === 'tags'
          ? 'in topology "hub" an account-region has no resources of its own to tag: put the tags on the account (its spoke role) or in defaults (the hub pipeline)'
          : `in topology "hub" the pipeline settings are the hub's: set ${key} in defaults, which configures the hub pipeline (a region sets only ${HUB_REGION_KEYS.join(' and ')})`,
      );
    }
  }
  // The spoke role's permissions boundary is the defaults' one, resolved in each member account.
  const boundary = customerOwner('policy', fleet.defaults?.permissionsBoundary);
  if (boundary && boundary !== account.id) {
    report(
      ['defaults', 'permissionsBoundary'],
      `the policy is in account ${boundary}, but accounts[${index}] is ${account.id}, whose spoke role it bounds too: give the policy's name so that each account uses its own`,
    );
  }
  const tagCount = Object.keys(spokeTags(fleet.defaults, account)).length;
  if (tagCount > MAX_TAGS && [fleet.defaults?.tags, account.tags].every((t) => t === undefined || isObject(t))) {
    report(['accounts', index], `${tagCount} tags once defaults and account tags are merged on its spoke role: AWS allows at most ${MAX_TAGS} on a resource`);
  }
  if (typeof fleet.name === 'string') stackProblems(fleet, spokeStackName(fleet.name, account.id), report);
}

/** In topology "hub", the IAM of `defaults` is the hub pipeline's, in the hub account. */
function hubAccountProblems(fleet: FleetConfig, hub: HubConfig, report: Report): void {
  if (typeof fleet.name === 'string' && typeof hub.account === 'string' && typeof hub.region === 'string') {
    stackProblems(fleet, hubStackName(fleet.name, hub.account, hub.region), report);
  }
  if (fleet.defaults?.existingRoles?.collector !== undefined) {
    report(
      ['defaults', 'existingRoles', 'collector'],
      'in topology "hub" every spoke role trusts the collector role the hub creates (<name>-collector-<region>): remove existingRoles.collector',
    );
  }
  for (const { field, kind } of IAM_REFERENCES) {
    const owner = customerOwner(kind, valueAt(fleet.defaults, field));
    if (!owner || owner === hub.account || typeof hub.account !== 'string') continue;
    report(
      ['defaults', ...field],
      `the ${kind} is in account ${owner}, but the hub pipeline is in hub.account ${hub.account}: use a ${kind} of the hub account, or give its name`,
    );
  }
}

function valueAt(settings: object | undefined, field: readonly string[]): unknown {
  return field.reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], settings);
}
