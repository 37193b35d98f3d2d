/**
 * The IAM documents of a pipeline, as plain objects: least privilege, each statement with a
 * Sid that says why it is there. Pure, so tests can evaluate them without synthesizing.
 */
import { Fn, Token } from 'cdktf';
import { arns, type Environment } from '../common/environment';
import { pipelineNames } from '../common/names';
import type { PolicyDocument, PolicyStatement } from '../common/policy-document';
import type { ServiceSelection } from '../common/rules';

/** The service principal that assumes each role. */
export const SERVICE_PRINCIPALS = {
  collector: 'lambda.amazonaws.com',
  stateMachine: 'states.amazonaws.com',
  SCHEDULER: 'scheduler.amazonaws.com',
  EVENTBRIDGE_RULE: 'events.amazonaws.com',
} as const;

/** A trust policy admitting one service principal, acting for this account only (confused deputy). */
export function trustPolicy(service: string, account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TrustedServiceOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
    ],
  };
}

export interface CollectorPolicyOptions {
  readonly env: Environment;
  /** Cluster names, or "*": every cluster of the account-region (ListClusters, DescribeClusters on its cluster ARNs). */
  readonly clusters: readonly string[] | '*';
  readonly namespace: string;
  readonly logGroupName: string;
  /** Per cluster, the services collected (a list, or '*' for all); none: no service statements. */
  readonly services?: ServiceSelection;
  /** X-Ray active tracing is on. */
  readonly tracing?: boolean;
}

/** ListServices and DescribeServices, only for the services a pipeline collects. */
function serviceStatements(env: Environment, services: ServiceSelection): PolicyStatement[] {
  const entries = Object.entries(services);
  if (entries.length === 0) return [];
  const statements: PolicyStatement[] = [];
  const listedWhole = entries.filter(([, selected]) => selected === '*').map(([cluster]) => cluster);
  if (listedWhole.length > 0) {
    statements.push({
      // ListServices has no resource type; the ecs:cluster condition is its only scope.
      Sid: 'ListServicesOfClustersCollectedWhole',
      Effect: 'Allow',
      Action: 'ecs:ListServices',
      Resource: '*',
      Condition: { ArnEquals: { 'ecs:cluster': listedWhole.map((cluster) => arns.cluster(env, cluster)) } },
    });
  }
  statements.push({
    Sid: 'DescribeCollectedServices',
    Effect: 'Allow',
    Action: 'ecs:DescribeServices',
    Resource: entries.flatMap(([cluster, selected]) =>
      selected === '*' ? [arns.service(env, cluster, '*')] : selected.map((name) => arns.service(env, cluster, name)),
    ),
  });
  return statements;
}

/** What Lambda needs to send the traces of an actively traced function; X-Ray actions take no resource scope. */
export const FUNCTION_TRACE_ACTIONS: readonly string[] = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** Step Functions also reads the sampling rules to decide which executions to trace. */
export const STATE_MACHINE_TRACE_ACTIONS: readonly string[] = [...FUNCTION_TRACE_ACTIONS, 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];

const writeTraces = (actions: readonly string[]): PolicyStatement => ({
  Sid: 'WriteTraces',
  Effect: 'Allow',
  Action: [...actions],
  Resource: '*',
});

/** DescribeClusters on the listed clusters; with "*", on every cluster of the account-region, and ListClusters to find them. */
function clusterStatements(env: Environment, clusters: readonly string[] | '*'): PolicyStatement[] {
  if (clusters !== '*') {
    // A list known only at apply (a Terraform variable) gets its ARNs from Terraform's formatlist.
    const resource = Token.isUnresolved(clusters)
      ? Token.asList(Fn.formatlist(arns.cluster({ partition: '%s', region: '%s', account: '%s' }, '%s'), [env.partition, env.region, env.account, clusters]))
      : clusters.map((name) => arns.cluster(env, name));
    return [{ Sid: 'DescribeListedClusters', Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: resource }];
  }
  return [
    {
      // ListClusters has no resource type; the requested region is its only scope.
      Sid: 'ListClustersOfOwnRegion',
      Effect: 'Allow',
      Action: 'ecs:ListClusters',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': env.region } },
    },
    { Sid: 'DescribeClustersOfOwnAccountRegion', Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: arns.cluster(env, '*') },
  ];
}

export function collectorRolePolicy(options: CollectorPolicyOptions): PolicyDocument {
  const { env } = options;
  return {
    Version: '2012-10-17',
    Statement: [...clusterStatements(env, options.clusters), ...serviceStatements(env, options.services ?? {}), ...publishStatements(options)],
  };
}

/** What every collector needs to report, whatever it collects: its metrics, its logs, its traces. */
export function publishStatements(options: Pick<CollectorPolicyOptions, 'env' | 'namespace' | 'logGroupName' | 'tracing'>): PolicyStatement[] {
  return [
    {
      // PutMetricData has no resource type; the namespace condition is its only scope.
      Sid: 'PutMetricDataToOwnNamespace',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': options.namespace } },
    },
    {
      Sid: 'WriteOwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${arns.logGroup(options.env, options.logGroupName)}:*`,
    },
    ...(options.tracing ? [writeTraces(FUNCTION_TRACE_ACTIONS)] : []),
  ];
}

/**
 * Actions Step Functions needs to deliver execution logs to CloudWatch Logs. AWS documents
 * that these take no resource-level scope, so `*` is the only resource they accept.
 */
export const LOG_DELIVERY_ACTIONS: readonly string[] = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
];

export interface StateMachinePolicyOptions {
  readonly env: Environment;
  readonly functionName: string;
  readonly logging: boolean;
  /** X-Ray tracing is on. */
  readonly tracing?: boolean;
}

export function stateMachineRolePolicy(options: StateMachinePolicyOptions): PolicyDocument {
  const functionArn = arns.function(options.env, options.functionName);
  const statements: PolicyStatement[] = [
    {
      Sid: 'InvokeCollector',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      // The function and any version or alias of it; nothing else.
      Resource: [functionArn, `${functionArn}:*`],
    },
  ];
  if (options.logging) {
    statements.push({ Sid: 'DeliverExecutionLogs', Effect: 'Allow', Action: [...LOG_DELIVERY_ACTIONS], Resource: '*' });
  }
  if (options.tracing) statements.push(writeTraces(STATE_MACHINE_TRACE_ACTIONS));
  return { Version: '2012-10-17', Statement: statements };
}

export interface TriggerPolicyOptions {
  readonly env: Environment;
  readonly stateMachineName: string;
}

export function triggerRolePolicy(options: TriggerPolicyOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'StartOwnStateMachine',
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: arns.stateMachine(options.env, options.stateMachineName),
      },
    ],
  };
}

/** The collector's policy for a pipeline's settings: what the created role gets, and what validation measures. */
export function pipelineCollectorPolicy(
  settings: Pick<CollectorPolicyOptions, 'clusters' | 'namespace' | 'services'> & { readonly name: string; readonly tracing: boolean },
  env: Environment,
): PolicyDocument {
  return collectorRolePolicy({
    env,
    clusters: settings.clusters,
    namespace: settings.namespace,
    logGroupName: pipelineNames(settings.name, env.region).collectorLogGroupName,
    services: settings.services,
    tracing: settings.tracing,
  });
}
