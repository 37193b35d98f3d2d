/**
 * The rules a pipeline's settings must follow. Each returns the problem in words (what
 * is wrong and what is allowed) or undefined. Construct props and the fleet config both
 * use them, so a rule and its message live in one place.
 */

/** Intervals that divide a minute into equal ticks, 1 to 30 seconds. */
export const ALLOWED_INTERVALS: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

export function intervalProblem(seconds: number): string | undefined {
  if (ALLOWED_INTERVALS.includes(seconds)) return undefined;
  return `${seconds} is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of ${ALLOWED_INTERVALS.join(', ')})`;
}

export function namespaceProblem(namespace: string): string | undefined {
  if (namespace.length < 1 || namespace.length > 255) {
    return `"${namespace}" is not a valid CloudWatch namespace: use 1 to 255 characters`;
  }
  if (!/^[\x20-\x7e]+$/.test(namespace)) {
    return `"${namespace}" is not a valid CloudWatch namespace: use printable ASCII characters only`;
  }
  if (/^AWS\//i.test(namespace)) {
    return `"${namespace}" starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS"`;
  }
  return undefined;
}

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function clusterNameProblem(name: string): string | undefined {
  if (CLUSTER_NAME.test(name)) return undefined;
  return `"${name}" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores`;
}

/** Problems of a cluster list, each paired with the index it is about (-1: the list itself). */
export function clusterListProblems(clusters: readonly string[]): Array<{ index: number; problem: string }> {
  if (clusters.length === 0) {
    return [{ index: -1, problem: 'the cluster list is empty: list at least one ECS cluster name' }];
  }
  const problems: Array<{ index: number; problem: string }> = [];
  const firstIndex = new Map<string, number>();
  clusters.forEach((name, index) => {
    const bad = clusterNameProblem(name);
    if (bad) problems.push({ index, problem: bad });
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else problems.push({ index, problem: `"${name}" is listed twice (also at index ${first}): list each cluster once` });
  });
  return problems;
}

/** The pipeline name prefixes every resource name; IAM role names add up to 32 more characters. */
const PIPELINE_NAME = /^[A-Za-z0-9_-]{1,32}$/;

export function pipelineNameProblem(name: string): string | undefined {
  if (PIPELINE_NAME.test(name)) return undefined;
  return `"${name}" is not a valid pipeline name: use 1 to 32 letters, digits, hyphens and underscores (it prefixes the function, state machine, schedule and role names)`;
}

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function logRetentionProblem(days: number): string | undefined {
  if (LOG_RETENTION_DAYS.includes(days)) return undefined;
  return `${days} is not a retention CloudWatch Logs accepts: use one of ${LOG_RETENTION_DAYS.join(', ')}`;
}

export function memoryProblem(mb: number): string | undefined {
  if (Number.isInteger(mb) && mb >= 128 && mb <= 10240) return undefined;
  return `${mb} MB is not a Lambda memory size: use a whole number from 128 to 10240`;
}

export function timeoutProblem(seconds: number): string | undefined {
  if (Number.isInteger(seconds) && seconds >= 1 && seconds <= 900) return undefined;
  return `${seconds} s is not a Lambda timeout: use a whole number of seconds from 1 to 900`;
}
