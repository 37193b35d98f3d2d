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
  /** Prefix of every Terraform output's logical id (Terraform identifiers take no hyphen). */
  readonly outputPrefix: string;
  /** A role the pipeline creates: role names are account-wide, so they carry the region. */
  roleName(purpose: string): string;
}

/** The names of the pipeline `name` in `region` (a literal or a Terraform reference). */
export function pipelineNames(name: string, region: string): PipelineNames {
  const functionName = `${name}-collector`;
  return {
    functionName,
    stateMachineName: name,
    collectorLogGroupName: `/aws/lambda/${functionName}`,
    stateMachineLogGroupName: `/aws/vendedlogs/states/${name}`,
    triggerName: `${name}-every-minute`,
    alarmTopicName: `${name}-alarms`,
    dashboardName: `${name}-${region}`,
    outputPrefix: name.replace(/-/g, '_'),
    roleName: (purpose) => `${name}-${purpose}-${region}`,
  };
}
