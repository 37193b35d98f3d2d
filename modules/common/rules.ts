/**
 * The rules a pipeline's settings must follow. Each returns the problem in words (what
 * is wrong and what is allowed) or undefined. Construct props and the fleet config both
 * use them, so a rule and its message live in one place.
 */
import { DEFAULT_METRICS, METRIC_NAMES, SERVICE_METRIC_NAMES } from '../metrics/catalog';
import { type Problem, problemsAt } from './errors';

/**
 * What Terraform reads as a template in any string of its JSON (attributes, and the JSON documents
 * inside them: policies, inputs, dashboards): `${` starts an interpolation, `%{` a directive.
 */
export const TERRAFORM_TEMPLATE_STARTS: Readonly<Record<string, string>> = { '${': 'interpolation', '%{': 'directive' };

/** A string Terraform would evaluate rather than take literally; `text` is literal text (no cdktf token). */
export function terraformTemplateProblem(text: string): string | undefined {
  const start = Object.keys(TERRAFORM_TEMPLATE_STARTS).find((s) => text.includes(s));
  if (start === undefined) return undefined;
  return `${JSON.stringify(text)} contains "${start}": Terraform would evaluate it as a template ${TERRAFORM_TEMPLATE_STARTS[start]} instead of taking the text literally; remove the "${start}"`;
}

/** Intervals that divide a minute into equal ticks, 1 to 30 seconds. */
export const ALLOWED_INTERVALS: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

export function intervalProblem(seconds: number): string | undefined {
  if (ALLOWED_INTERVALS.includes(seconds)) return undefined;
  return `${seconds} is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of ${ALLOWED_INTERVALS.join(', ')})`;
}

/** Service intervals: the intervals, and once a minute. */
export const SERVICE_INTERVALS: readonly number[] = [...ALLOWED_INTERVALS, 60];

/** The cadence of the service reads: a multiple of the interval that divides 60 (every tick, every other tick, … once a minute). */
export function serviceIntervalProblem(seconds: number, intervalSeconds: number): string | undefined {
  if (Number.isInteger(seconds) && seconds > 0 && 60 % seconds === 0 && seconds % intervalSeconds === 0) return undefined;
  const fits = SERVICE_INTERVALS.filter((s) => s % intervalSeconds === 0);
  return `${seconds} is not an allowed service interval with intervalSeconds ${intervalSeconds}: it must be a multiple of the interval that divides 60 (one of ${fits.join(', ')})`;
}

/**
 * Characters a namespace cannot hold: the dashboards' SEARCH('{"<namespace>",…} …') and the Metrics
 * Insights alarm queries' SCHEMA("<namespace>", …) quote it, and CloudWatch documents no escape
 * for these inside them (a `'` ended the SEARCH expression early).
 */
export const NAMESPACE_UNQUOTABLE: readonly string[] = ["'", '"', '\\'];

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
  const unquotable = NAMESPACE_UNQUOTABLE.find((character) => namespace.includes(character));
  if (unquotable !== undefined) {
    return `${JSON.stringify(namespace)} contains ${JSON.stringify(unquotable)}, which the dashboards' SEARCH('…') expressions and the Metrics Insights alarm queries cannot quote (CloudWatch documents no escape for it there): remove it`;
  }
  return undefined;
}

/** ECS cluster and service names: 1 to 255 letters, digits, hyphens and underscores. */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function clusterNameProblem(name: string): string | undefined {
  if (ECS_NAME.test(name)) return undefined;
  return `"${name}" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores`;
}

/** Problems of a list of names: empty, a bad name, or a name listed twice. */
function nameListProblems(
  names: readonly string[],
  rules: { readonly empty: string; readonly noun: string; readonly nameProblem: (name: string) => string | undefined },
): Problem[] {
  if (names.length === 0) return [{ path: [], problem: rules.empty }];
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  names.forEach((name, index) => {
    const bad = rules.nameProblem(name);
    if (bad) problems.push({ path: [index], problem: bad });
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else problems.push({ path: [index], problem: `"${name}" is listed twice (also at index ${first}): list each ${rules.noun} once` });
  });
  return problems;
}

/** Problems of a cluster list, each at the index it is about (`[]`: the list itself). */
export function clusterListProblems(clusters: readonly string[]): Problem[] {
  return nameListProblems(clusters, {
    empty: 'the cluster list is empty: list at least one ECS cluster name',
    noun: 'cluster',
    nameProblem: clusterNameProblem,
  });
}

export function metricNameProblem(name: string): string | undefined {
  if (METRIC_NAMES.includes(name)) return undefined;
  const sameButCase = METRIC_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  const hint = sameButCase ? `did you mean "${sameButCase}"? ` : '';
  return `"${name}" is not a metric the collector knows: ${hint}use one of ${METRIC_NAMES.join(', ')}`;
}

/** Problems of a metric list, each at the index it is about (`[]`: the list itself). */
export function metricListProblems(metrics: readonly string[]): Problem[] {
  return nameListProblems(metrics, {
    empty: `the metric list is empty: list at least one metric, such as ${DEFAULT_METRICS.join(', ')}`,
    noun: 'metric',
    nameProblem: metricNameProblem,
  });
}

export function serviceNameProblem(name: string): string | undefined {
  if (name === '*') return '"*" in a list is a service named "*": for all services of the cluster, give "*" itself, without the list';
  if (ECS_NAME.test(name)) return undefined;
  return `"${name}" is not a valid ECS service name: use 1 to 255 letters, digits, hyphens and underscores`;
}

/** The services to collect per cluster: a list of service names, or '*' for all of them. */
export type ServiceSelection = Readonly<Record<string, readonly string[] | '*'>>;

/** Problems of each cluster's entry of a service selection, on its own: at `[cluster]` or `[cluster, index]`. */
export function serviceSelectionProblems(services: ServiceSelection): Problem[] {
  const problems: Problem[] = [];
  for (const [cluster, selected] of Object.entries(services)) {
    const badCluster = clusterNameProblem(cluster);
    if (badCluster) problems.push({ path: [cluster], problem: badCluster });
    if (selected === '*') continue;
    if (!Array.isArray(selected)) {
      problems.push({
        path: [cluster],
        problem: `${JSON.stringify(selected)} is not a service selection: use a list of service names, or "*" for all services of the cluster`,
      });
      continue;
    }
    const listed = nameListProblems(selected, {
      empty: `no services listed for "${cluster}": list service names, or use "*" for all services of the cluster`,
      noun: 'service',
      nameProblem: serviceNameProblem,
    });
    problems.push(...problemsAt([cluster], listed));
  }
  return problems;
}

/**
 * Whether the metrics, the services and the clusters fit together: per-service metrics need
 * services to collect, services need a per-service metric, and only listed clusters have services.
 */
export function metricSelectionProblems(selection: {
  readonly clusters: readonly string[];
  readonly metrics: readonly string[];
  readonly services: ServiceSelection;
}): Problem[] {
  const problems: Problem[] = [];
  const clustersWithServices = Object.keys(selection.services);
  for (const cluster of clustersWithServices.filter((c) => !selection.clusters.includes(c))) {
    problems.push({
      path: ['services', cluster],
      problem: `"${cluster}" is not in clusters: add it to clusters, or remove it from services`,
    });
  }
  const serviceMetrics = selection.metrics.filter((m) => SERVICE_METRIC_NAMES.includes(m));
  if (serviceMetrics.length > 0 && clustersWithServices.length === 0) {
    problems.push({
      path: ['metrics'],
      problem: `${serviceMetrics.join(', ')} ${serviceMetrics.length === 1 ? 'is a per-service metric' : 'are per-service metrics'}, but services names no cluster: name the services to collect, e.g. services: { "my-cluster": "*" }, or remove ${serviceMetrics.length === 1 ? 'it' : 'them'} from metrics`,
    });
  }
  if (serviceMetrics.length === 0 && clustersWithServices.length > 0) {
    problems.push({
      path: ['services'],
      problem: `services are named for ${clustersWithServices.join(', ')}, but metrics selects no per-service metric: add ${SERVICE_METRIC_NAMES.join(', ')} to metrics, or remove services`,
    });
  }
  return problems;
}

/** The pipeline name prefixes every resource name; IAM role names add up to 32 more characters. */
export const PIPELINE_NAME = /^[A-Za-z0-9_-]{1,32}$/;

export function pipelineNameProblem(name: string): string | undefined {
  if (PIPELINE_NAME.test(name)) return undefined;
  return `"${name}" is not a valid pipeline name: use 1 to 32 letters, digits, hyphens and underscores (it prefixes the function, state machine, schedule and role names)`;
}

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

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

/** AWS allows at most this many tags on one resource. */
export const MAX_TAGS = 50;

/** What AWS accepts in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Problems of a tag map, each at the key it is about (`[]`: the map itself). */
export function tagProblems(tags: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    problems.push({ path: [], problem: `${keys.length} tags: AWS allows at most ${MAX_TAGS} tags on a resource` });
  }
  for (const key of keys) {
    const value = tags[key];
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      problems.push({ path: [key], problem: `"${key}" is not a valid tag key: use 1 to 128 letters, digits, spaces and _ . : / = + - @` });
    } else if (/^aws:/i.test(key)) {
      problems.push({ path: [key], problem: `"${key}" starts with "aws:", which AWS reserves for its own tags: use another key` });
    }
    if (value.length > 256 || !TAG_TEXT.test(value)) {
      problems.push({ path: [key], problem: `"${value}" is not a valid tag value: use up to 256 letters, digits, spaces and _ . : / = + - @` });
    }
  }
  return problems;
}

/** An IAM path: `/`, or segments between slashes, such as `/platform/metrics/`. */
export const IAM_PATH = /^\/(?:[\x21-\x7e]+\/)?$/;
/** The longest IAM path IAM accepts. */
export const IAM_PATH_MAX_LENGTH = 512;
/** What an IAM path must be, as messages say it. */
export const IAM_PATH_ALLOWED = 'start and end with "/", such as "/" or "/platform/metrics/"';

export function rolePathProblem(path: string): string | undefined {
  if (path.length <= IAM_PATH_MAX_LENGTH && IAM_PATH.test(path)) return undefined;
  return `"${path}" is not an IAM path: ${IAM_PATH_ALLOWED}`;
}

/** An IAM name, optionally after a path: `boundary` or `platform/boundary`. */
export const IAM_NAME_WITH_PATH = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/** An IAM role or managed policy, given as an ARN or as a name (with its path) in the pipeline's account. */
export type IamKind = 'role' | 'policy';

export function iamArnPattern(kind: IamKind): RegExp {
  // AWS managed policies (account "aws") can be boundaries; roles always belong to an account.
  const account = kind === 'policy' ? '(\\d{12}|aws)' : '(\\d{12})';
  return new RegExp(`^arn:aws[a-z-]*:iam::${account}:${kind}/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}$`);
}

export function iamReferenceProblem(kind: IamKind, reference: string): string | undefined {
  if (iamArnPattern(kind).test(reference) || IAM_NAME_WITH_PATH.test(reference)) return undefined;
  const example = kind === 'role' ? 'role/ecs-highres-collector' : 'policy/platform/boundary';
  return `"${reference}" is neither an IAM ${kind} ARN nor a ${kind} name: use an ARN such as arn:aws:iam::111111111111:${example}, or a name (with its path) that each account resolves to its own ${kind}`;
}

/** The account of an IAM ARN (`aws` for AWS managed policies); undefined for a name. */
export function iamArnAccount(kind: IamKind, reference: string): string | undefined {
  return iamArnPattern(kind).exec(reference)?.[1];
}
