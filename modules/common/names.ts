/**
 * Every name a pipeline gives its AWS resources and Terraform outputs, computed in one place
 * from the pipeline name (and the region, for names that are account-wide), so the construct,
 * its monitoring and its validation can never disagree on a name.
 */

/** The names of one pipeline's resources. */
export interface PipelineNames {
  /** The collector Lambda function. */
  readonly functionName: string;
  /** The state machine. */
  readonly stateMachineName: string;
  /** The collector's log group, where Lambda writes by default. */
  readonly collectorLogGroupName: string;
  /** The state machine's log group (a vended-logs path). */
  readonly stateMachineLogGroupName: string;
  /** The schedule or rule that starts the state machine. */
  readonly triggerName: string;
  /** The SNS topic the pipeline can create for its alarms; topics are per region. */
  readonly alarmTopicName: string;
  /** The dashboard: dashboards are global to an account, so the name carries the region. */
  readonly dashboardName: string;
  /** Prefix of every Terraform output's logical id: from the construct's path in its stack, which no other pipeline of the stack shares. */
  readonly outputPrefix: string;
  /** A role the pipeline creates: role names are account-wide, so they carry the region. */
  roleName(purpose: string): string;
}

/**
 * The names of the pipeline `name` in `region` (a literal, a Terraform reference or a label);
 * `outputPrefix` is the construct's (outputIdPrefix of its path below the stack).
 */
export function pipelineNames(name: string, region: string, outputPrefix = outputIdPrefix([name])): PipelineNames {
  const functionName = `${name}-collector`;
  return {
    functionName,
    stateMachineName: name,
    collectorLogGroupName: `/aws/lambda/${functionName}`,
    stateMachineLogGroupName: `/aws/vendedlogs/states/${name}`,
    triggerName: `${name}-every-minute`,
    alarmTopicName: `${name}-alarms`,
    dashboardName: `${name}-${region}`,
    outputPrefix,
    roleName: (purpose) => `${name}-${purpose}-${region}`,
  };
}

/** A Terraform identifier: a letter or underscore, then letters, digits, underscores and dashes. */
export const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The prefix of the output ids of the construct at `segments` (its path below the stack):
 * segments joined by `_`, other characters than letters, digits, `_` and `-` made `_`, and a
 * leading digit (not allowed by Terraform) preceded by `_`.
 */
export function outputIdPrefix(segments: readonly string[]): string {
  const joined = segments.map((segment) => segment.replace(/[^A-Za-z0-9_-]/g, '_')).join('_');
  return /^[0-9-]/.test(joined) || joined === '' ? `_${joined}` : joined;
}

/** The output id of `suffix` under `prefix`. */
export function outputId(prefix: string, suffix: string): string {
  return `${prefix}_${suffix}`;
}
