/** Where each stack keeps its Terraform state: the backends a fleet config may name, and the form of their names. */
import { z } from 'zod';
import { REGION_NAME, regionNameProblem } from '../common/region-names';
import { S3_BUCKET_NAME, S3_BUCKET_NAME_ALLOWED } from '../common/s3-rules';
import type { BackendConfig, CloudBackendConfig, S3BackendConfig, SameType } from './config-types';
import { matching, rule } from './zod-rules';

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
    bucket: matching(S3_BUCKET_NAME, `an S3 bucket name is ${S3_BUCKET_NAME_ALLOWED}`).describe("Bucket that holds every stack's state."),
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

export type { BackendConfig, CloudBackendConfig, S3BackendConfig } from './config-types';

/** The written-out backend types (config-types.ts) are what the schema parses: tsc fails here when they drift. */
export const BACKEND_TYPES_MATCH_SCHEMA: SameType<BackendConfig, z.infer<typeof backendConfigSchema>> &
  SameType<S3BackendConfig, z.infer<typeof s3BackendSchema>> &
  SameType<CloudBackendConfig, z.infer<typeof cloudBackendSchema>> = true;
