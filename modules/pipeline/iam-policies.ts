/**
 * The IAM documents of a pipeline, as plain objects: least privilege, each statement with a
 * Sid that says why it is there. Pure, so tests can evaluate them without synthesizing.
 */
import type { IamKind, ServiceSelection } from './rules';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { readonly Service: string };
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** Where the pipeline lives; each part is a literal or a Terraform reference. */
export interface Environment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** ARNs built from names, so policies need no reference to the resources they protect. */
export const arns = {
  cluster: (env: Environment, name: string) => `arn:${env.partition}:ecs:${env.region}:${env.account}:cluster/${name}`,
  /** A service in ECS's long ARN format (the default since 2021), which names its cluster; `*` for all of them. */
  service: (env: Environment, cluster: string, name: string) =>
    `arn:${env.partition}:ecs:${env.region}:${env.account}:service/${cluster}/${name}`,
  function: (env: Environment, name: string) => `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${name}`,
  stateMachine: (env: Environment, name: string) =>
    `arn:${env.partition}:states:${env.region}:${env.account}:stateMachine:${name}`,
  logGroup: (env: Environment, name: string) => `arn:${env.partition}:logs:${env.region}:${env.account}:log-group:${name}`,
  /** IAM is global: its ARNs carry no region; `nameWithPath` is `name` or `path/name`. */
  iam: (env: Environment, kind: IamKind, nameWithPath: string) =>
    `arn:${env.partition}:iam::${env.account}:${kind}/${nameWithPath}`,
};

/** A role or managed policy given as an ARN (kept) or as a name with its path (in the pipeline's account). */
export function iamArn(env: Environment, kind: IamKind, reference: string): string {
  return reference.startsWith('arn:') ? reference : arns.iam(env, kind, reference);
}

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
  readonly clusters: readonly string[];
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
export const STATE_MACHINE_TRACE_ACTIONS: readonly string[] = [
  ...FUNCTION_TRACE_ACTIONS,
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

const writeTraces = (actions: readonly string[]): PolicyStatement => ({
  Sid: 'WriteTraces',
  Effect: 'Allow',
  Action: [...actions],
  Resource: '*',
});

export function collectorPolicy(options: CollectorPolicyOptions): PolicyDocument {
  const { env } = options;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DescribeListedClusters',
        Effect: 'Allow',
        Action: 'ecs:DescribeClusters',
        Resource: options.clusters.map((name) => arns.cluster(env, name)),
      },
      ...serviceStatements(env, options.services ?? {}),
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
        Resource: `${arns.logGroup(env, options.logGroupName)}:*`,
      },
      ...(options.tracing ? [writeTraces(FUNCTION_TRACE_ACTIONS)] : []),
    ],
  };
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

export function stateMachinePolicy(options: StateMachinePolicyOptions): PolicyDocument {
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

export function triggerPolicy(options: TriggerPolicyOptions): PolicyDocument {
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

/** IAM's limit on the inline policies of one role, white space not counted. */
export const INLINE_POLICY_LIMIT = 10240;

/** Size of a policy as IAM counts it (white space removed). */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}
