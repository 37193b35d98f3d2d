/**
 * The fleet config: which clusters of which account-regions get a pipeline, and how.
 * One zod schema validates it and is exported as JSON Schema for editors.
 */
import { z } from 'zod';
import { metricSettings } from '../metrics/settings-schema';
import { monitoringSettingsFields } from '../monitoring/settings-schema';
import {
  clusterListProblems,
  intervalProblem,
  logRetentionProblem,
  memoryProblem,
  namespaceProblem,
  pipelineNameProblem,
  timeoutProblem,
} from '../pipeline/rules';
import { AWS_REGIONS } from './regions';

/** Turns a rule of ../pipeline/rules into a zod refinement with the same message. */
function rule<T>(problemOf: (value: T) => string | undefined) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** Every setting a pipeline takes; set in `defaults`, overridden per account-region. */
const pipelineSettings = {
  intervalSeconds: z
    .number()
    .superRefine(rule(intervalProblem))
    .optional()
    .describe('Seconds between collections; divides 60, 1 to 30. Default 5.'),
  namespace: z
    .string()
    .superRefine(rule(namespaceProblem))
    .optional()
    .describe('CloudWatch namespace of the metrics, not AWS/…. Default "ECS".'),
  workflowType: z
    .enum(['EXPRESS', 'STANDARD'])
    .optional()
    .describe('Step Functions workflow type. Default EXPRESS.'),
  trigger: z
    .enum(['SCHEDULER', 'EVENTBRIDGE_RULE'])
    .optional()
    .describe('What starts the state machine every minute. Default SCHEDULER.'),
  logRetentionDays: z
    .number()
    .superRefine(rule(logRetentionProblem))
    .optional()
    .describe('Days to keep the pipeline logs. Default 14.'),
  collectorMemoryMb: z.number().superRefine(rule(memoryProblem)).optional().describe('Collector memory. Default 128.'),
  collectorTimeoutSeconds: z
    .number()
    .superRefine(rule(timeoutProblem))
    .optional()
    .describe('Collector timeout. Default two intervals, 10 to 60 s.'),
  architecture: z.enum(['arm64', 'x86_64']).optional().describe('Collector architecture. Default arm64.'),
  stateMachineLogLevel: z
    .enum(['ALL', 'ERROR', 'FATAL', 'OFF'])
    .optional()
    .describe('State machine log level. Default ERROR.'),
  ...metricSettings,
  ...monitoringSettingsFields,
};

const clusterList = z
  .array(z.string())
  .superRefine((clusters, ctx) => {
    for (const { index, problem } of clusterListProblems(clusters)) {
      ctx.addIssue({ code: 'custom', message: problem, path: index < 0 ? [] : [index] });
    }
  })
  .describe('ECS cluster names of this account-region.');

export const regionConfigSchema = z
  .strictObject({ clusters: clusterList, ...pipelineSettings })
  .describe('The pipeline of one account-region.');

export const pipelineDefaultsSchema = z
  .strictObject(pipelineSettings)
  .describe('Settings of every pipeline unless a region overrides them.');

export const accountConfigSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^\d{12}$/, { message: 'an AWS account ID is 12 digits' })
      .describe('AWS account ID (12 digits).'),
    deployRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, {
        message: 'an IAM role ARN looks like arn:aws:iam::111111111111:role/terraform',
      })
      .optional()
      .describe('Role Terraform assumes to deploy into the account.'),
    regions: z
      .record(z.string(), regionConfigSchema)
      .superRefine((regions, ctx) => {
        const names = Object.keys(regions);
        if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'no regions: name at least one region' });
        for (const name of names.filter((n) => !AWS_REGIONS.includes(n))) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `"${name}" is not an AWS region: use a region name such as us-east-1 or eu-west-1`,
          });
        }
      })
      .describe('Pipelines of this account, by region name.'),
  })
  .superRefine((account, ctx) => {
    const roleAccount = account.deployRoleArn?.split(':')[4];
    if (roleAccount && roleAccount !== account.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployRoleArn'],
        message: `the role is in account ${roleAccount}, not ${account.id}: use a role of the account being deployed`,
      });
    }
  })
  .describe('One AWS account and its pipelines.');

export const backendConfigSchema = z
  .discriminatedUnion('type', [z.strictObject({ type: z.literal('local') }).describe('State in local files.')])
  .describe('Where each stack keeps its Terraform state.');

export const fleetConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    name: z
      .string()
      .superRefine(rule(pipelineNameProblem))
      .describe('Name of the fleet: prefixes stack names and every resource name.'),
    defaults: pipelineDefaultsSchema.optional(),
    backend: backendConfigSchema.optional(),
    accounts: z.array(accountConfigSchema).min(1, { message: 'no accounts: list at least one account' }),
  })
  .superRefine((fleet, ctx) => {
    const seen = new Map<string, number>();
    fleet.accounts.forEach((account, index) => {
      const first = seen.get(account.id);
      if (first === undefined) seen.set(account.id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'id'],
          message: `account ${account.id} is listed twice (also at accounts[${first}]): list each account once and put all its regions under it`,
        });
    });
  })
  .describe('A fleet of high-resolution ECS metrics pipelines, one per account-region.');

export type FleetConfig = z.infer<typeof fleetConfigSchema>;
export type AccountConfig = z.infer<typeof accountConfigSchema>;
export type RegionConfig = z.infer<typeof regionConfigSchema>;
export type PipelineDefaults = z.infer<typeof pipelineDefaultsSchema>;
export type BackendConfig = z.infer<typeof backendConfigSchema>;
