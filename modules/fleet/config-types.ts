/**
 * The fleet config's types, written out for users: what `validateFleetConfig` and `loadFleetConfig`
 * return and what `MetricsFleet` takes. The schema that validates a config (config-fields.ts,
 * config-backends.ts) stays internal; config-fields.ts holds these types to exactly what it parses,
 * so tsc fails when the two drift.
 */
import type { Architecture, StateMachineLogLevel, TriggerKind, WorkflowType } from '../common/settings';
import type { AlarmComparison, AlarmStatistic, TreatMissingData } from '../monitoring/alarm-rules';
import type { FleetHealthAlarmsProps } from '../monitoring/fleet-health-alarms';

/** How the fleet collects: a pipeline in every account-region, or one hub pipeline reading every member through a spoke role. */
export type Topology = 'account-region' | 'hub';

/** An alarm on a collected metric, as the config writes it (the props' `MetricAlarmProps`). */
export interface AlarmConfig {
  readonly metric: string;
  readonly comparison: AlarmComparison;
  readonly threshold: number;
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly statistic?: AlarmStatistic;
  readonly treatMissingData?: TreatMissingData;
  readonly clusters?: string[];
}

/** Settings of a pipeline, in `defaults` or a region; each as the construct prop of the same name documents it. */
export interface PipelineDefaults {
  readonly dashboard?: boolean;
  readonly alarms?: AlarmConfig[];
  readonly alarmActions?: { readonly topicArns?: string[]; readonly createTopic?: boolean; readonly emails?: string[] };
  readonly pipelineAlarms?: boolean;
  /** 10-second alarms on the fleet-health series: `false` turns them off; per series `false` or its fields. */
  readonly fleetHealthAlarms?: boolean | FleetHealthAlarmsProps;
  /** Publish the fleet-health series at every tick. */
  readonly fleetHealth?: boolean;
  readonly tracing?: boolean;
  readonly metrics?: string[];
  /** Per cluster, the services collected (a list, or "*" for all). */
  readonly services?: Record<string, string[] | '*'>;
  readonly intervalSeconds?: number;
  /** Seconds between the ticks that read services: a multiple of intervalSeconds that divides 60; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
  readonly namespace?: string;
  readonly workflowType?: WorkflowType;
  readonly trigger?: TriggerKind;
  readonly logRetentionDays?: number;
  readonly collectorMemoryMb?: number;
  readonly collectorTimeoutSeconds?: number;
  readonly architecture?: Architecture;
  readonly stateMachineLogLevel?: StateMachineLogLevel;
  readonly tags?: Record<string, string>;
  readonly rolePath?: string;
  readonly permissionsBoundary?: string;
  readonly existingRoles?: { readonly collector?: string; readonly stateMachine?: string; readonly trigger?: string };
}

/** The pipeline of one account-region (in topology "hub": its clusters and services only). */
export interface RegionConfig extends PipelineDefaults {
  /** ECS cluster names of this account-region, or "*" for every cluster there. */
  readonly clusters: string[] | '*';
}

/** One AWS account and its pipelines. */
export interface AccountConfig {
  /** AWS account ID (12 digits). */
  readonly id: string;
  /** The account's regions, by region name. */
  readonly regions: Record<string, RegionConfig>;
  /** Role Terraform assumes to deploy into the account. */
  readonly deployRoleArn?: string;
  readonly tags?: Record<string, string>;
}

/** With topology "hub": the account-region of the one pipeline that collects every member account-region. */
export interface HubConfig {
  readonly account: string;
  readonly region: string;
  readonly deployRoleArn?: string;
  readonly externalId?: string;
  readonly organizationId?: string;
  readonly assumedCallLatencyMs?: number;
  readonly assumedClustersPerDiscoveredRegion?: number;
  /** With an organization: account-regions with clusters the hub is sized for beside the listed ones (1 to 100,000). Default 200. */
  readonly assumedDiscoveredAccountRegions?: number;
  /** Collector invocations per tick (1 to 40), or "auto": the tick model chooses. Default 1. */
  readonly shards?: number | 'auto';
}

/** With topology "hub": the organizational units whose accounts the hub finds at run time (AWS Organizations). */
export interface OrganizationConfig {
  /** The account of the organization stack: a delegated administrator for StackSets, or the management account. */
  readonly account: string;
  /** What `account` is to the organization. Default "delegated-administrator". */
  readonly administrator?: 'delegated-administrator' | 'management';
  readonly deployRoleArn?: string;
  /** OU IDs (`ou-…`) or the root (`r-…`). */
  readonly units: string[];
  /** Region names, or "*": every region enabled in each account. */
  readonly regions: string[] | '*';
  /** Accounts or OUs left out. */
  readonly exclude?: string[];
}

/** State in a local file beside each synthesized stack. */
export interface LocalBackendConfig {
  readonly type: 'local';
}

/** State in an S3 bucket, one key per stack, encrypted. */
export interface S3BackendConfig {
  readonly type: 's3';
  readonly bucket: string;
  readonly region: string;
  readonly keyPrefix?: string;
  readonly dynamodbTable?: string;
  readonly useLockfile?: boolean;
}

/** Terraform Cloud or Enterprise: one workspace per stack. */
export interface CloudBackendConfig {
  readonly type: 'cloud';
  readonly organization: string;
  readonly workspacePrefix: string;
  readonly hostname?: string;
  readonly project?: string;
}

/** Where each stack keeps its Terraform state. */
export type BackendConfig = LocalBackendConfig | S3BackendConfig | CloudBackendConfig;

/** A fleet of high-resolution ECS metrics pipelines: one per account-region, or one hub pipeline for them all. */
export interface FleetConfig {
  readonly $schema?: string;
  readonly name: string;
  readonly topology?: Topology;
  readonly hub?: HubConfig;
  /** With topology "hub": organizational units whose accounts the hub finds at run time. */
  readonly organization?: OrganizationConfig;
  readonly defaults?: PipelineDefaults;
  readonly backend?: BackendConfig;
  readonly accounts: AccountConfig[];
}

/** True when `A` and `B` are assignable both ways: the same type for every use. */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
