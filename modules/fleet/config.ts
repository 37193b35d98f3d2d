/**
 * The fleet config: which clusters of which account-regions get a pipeline, and how. One zod
 * schema validates it and is exported as JSON Schema for editors (json-schema.ts). It is composed
 * here from the fields (config-fields.ts, with the backends of config-backends.ts) and the checks
 * across them (config-checks.ts); this file re-exports what the rest of the library imports.
 */
import { isObject } from '../common/values';
import { hasFleetShape, fleetProblems, topologyProblems } from './config-checks';
import { fleetFields } from './config-fields';

export {
  cloudBackendSchema,
  backendConfigSchema,
  localBackendSchema,
  MAX_WORKSPACE_NAME,
  s3BackendSchema,
  type BackendConfig,
  type CloudBackendConfig,
  type S3BackendConfig,
} from './config-backends';
export {
  accountConfigSchema,
  clusterSelectionSchema,
  EVERY_CLUSTER,
  HUB_REGION_KEYS,
  hubConfigSchema,
  pipelineDefaultsSchema,
  regionConfigSchema,
  TOPOLOGIES,
  type AccountConfig,
  type FleetConfig,
  type HubConfig,
  EVERY_REGION,
  organizationConfigSchema,
  type OrganizationConfig,
  STACK_SET_ADMINISTRATORS,
  type PipelineDefaults,
  type RegionConfig,
  type Topology,
} from './config-fields';
export { mergedTags, spokeTags } from './merged-tags';

export const fleetConfigSchema = fleetFields
  // Run even when fields have problems, so that every problem is reported at once.
  .superRefine(topologyProblems, { when: ({ value }) => isObject(value) })
  .superRefine(fleetProblems, { when: ({ value }) => hasFleetShape(value) })
  // Accounts, at least one, unless an organization finds them (topologyProblems says so to the loader).
  .meta({
    title: 'ECS high-resolution metrics fleet',
    anyOf: [
      { required: ['accounts'], properties: { accounts: { type: 'array', minItems: 1 } } },
      { required: ['organization'], properties: { organization: { type: 'object' } } },
    ],
  })
  .describe('A fleet of high-resolution ECS metrics pipelines: one per account-region, or one hub pipeline for them all.');
