/**
 * `cdktf-ecs-highres-metrics/fleet`: a fleet from a config file (one stack per account-region, or a
 * hub stack and a spoke stack per member account), the config's loader, validator and JSON Schema,
 * and the stack names. The config is validated by `validateFleetConfig` and described for editors by
 * its JSON Schema; the schema library that implements them is not part of the API.
 */
export { FleetStack, MetricsFleet } from '../fleet/metrics-fleet';
export type { FleetStackProps, MetricsFleetProps } from '../fleet/metrics-fleet';
export { HubStack, OrganizationStack, SpokeStack } from '../fleet/hub-stacks';
export type { HubStackProps, OrganizationStackProps, SpokeStackProps } from '../fleet/hub-stacks';
export { ConfigError } from '../fleet/config-problems';
export { loadFleetConfig, validateFleetConfig } from '../fleet/load-config';
export type { AccountConfig, BackendConfig, FleetConfig, HubConfig, OrganizationConfig, PipelineDefaults, RegionConfig, Topology } from '../fleet/config';
export { FLEET_CONFIG_SCHEMA_FILE, fleetConfigJsonSchema, fleetConfigJsonSchemaText } from '../fleet/json-schema';
export { fleetStackName, hubStackName, organizationStackName, spokeStackName } from '../fleet/naming';
