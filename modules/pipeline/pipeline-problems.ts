/**
 * Every problem of a pipeline's settings, collected at once: the construct throws them as one
 * ValidationError, the fleet config reports them under the account-region's JSON path. New
 * pipeline-wide rules go here; a rule on one value goes in common/rules.ts.
 */
import { Token } from 'cdktf';
import type { Environment } from '../common/environment';
import { IAM_LIMITS, longestEnvironment, sizeProblems } from '../common/aws-limits';
import { policySize } from '../common/policy-document';
import { accountPropProblem, regionPropProblem } from '../common/environment-rules';
import { type Problem, problemAt, problemsAt } from '../common/errors';
import { derivedNameProblems, derivedNamesOf, type NamedResources, type PipelineRoleId } from '../common/name-rules';
import {
  clusterListProblems,
  iamReferenceProblem,
  intervalProblem,
  serviceIntervalProblem,
  logRetentionProblem,
  memoryProblem,
  metricListProblems,
  metricSelectionProblems,
  namespaceProblem,
  pipelineNameProblem,
  rolePathProblem,
  serviceSelectionProblems,
  tagProblems,
  timeoutProblem,
} from '../common/rules';
import { monitoringProblems } from '../monitoring/monitoring-settings';
import type { TargetListEntry } from '../contract/hub-target-list';
import { pipelineCollectorPolicy } from './iam-policies';
import { pipelineSizeChecks } from './pipeline-limits';
import { propTemplateProblems, withTemplateProblems } from './prop-templates';
import type { PipelineSettings } from './pipeline-settings';
import type { EcsHighResMetricsProps, PipelineBuildProps } from './props';

/** What one topology checks of what it collects; the rest of a pipeline's settings is checked alike. */
export interface CollectionChecks {
  /** Problems of what is collected (the clusters, or the hub's targets), reported after the collector's settings. */
  readonly collected: Problem[];
  /** Problems of the services and of the metrics they need, reported after the metric list. */
  readonly selection: (s: PipelineSettings) => Problem[];
  /** Size problems of the collector's policy and of the trigger's input, checked once nothing else is wrong. */
  readonly sizes: () => Problem[];
  /** The hub's member account-regions, which its alarms and dashboards watch. @default the pipeline's own account-region */
  readonly targets?: readonly TargetListEntry[];
}

/** A problem of a list item known only at apply (a token), or of a list known only at apply (a Terraform variable's), is no problem yet. */
const literalItem = (list: unknown) => (p: Problem) =>
  !Token.isUnresolved(list) && (p.path.length === 0 || !Array.isArray(list) || !Token.isUnresolved(list[p.path[0] as number]));

/**
 * Every problem of a pipeline's settings, each at its field: what is wrong and the fix; values
 * known only at apply (tokens) are skipped. The construct throws them; the fleet config reports
 * them under the account-region's JSON path before anything is built.
 */
export function pipelineProblems(s: PipelineSettings, env: Environment, props: EcsHighResMetricsProps): Problem[] {
  const clusters = s.clusters;
  return settingsProblems(s, env, props, {
    // "*" is every cluster of the account-region: no list to check.
    collected: clusters === '*' ? [] : problemsAt(['clusters'], clusterListProblems(clusters).filter(literalItem(clusters))),
    selection: (settings) => {
      const services = serviceSelectionProblems(settings.services).filter((p) => literalItem(settings.services[p.path[0]])({ ...p, path: p.path.slice(1) }));
      // Services may name any cluster that "*" covers.
      const selectable = clusters === '*' ? Object.keys(settings.services) : clusters;
      return [...problemsAt(['services'], services), ...metricSelectionProblems({ ...settings, clusters: selectable })];
    },
    sizes: () => {
      const problems: Problem[] = [];
      // Unknown parts of the ARNs are counted at their longest, so a token never hides an oversize policy.
      const size = policySize(pipelineCollectorPolicy(s, longestEnvironment(env)));
      // An existing collector role gets no policy from the pipeline.
      if (size > IAM_LIMITS.inlinePerRole && !props.existingRoles?.collector) {
        const services = Object.values(s.services).flatMap((selected) => (selected === '*' ? [] : selected)).length;
        const listed = clusters === '*' ? 'every' : clusters.length;
        const naming = services > 0 ? `${listed} clusters and ${services} services` : `${listed} clusters`;
        problems.push({
          path: ['clusters'],
          problem: `the collector's policy naming ${naming} is ${size} characters, over IAM's ${IAM_LIMITS.inlinePerRole}-character limit for a role's inline policies; split the clusters across pipelines with different names${services > 0 ? ', or collect whole clusters with "*"' : ''}`,
        });
      }
      const existing = props.existingRoles ?? {};
      problems.push(
        ...sizeProblems(pipelineSizeChecks(s, env, { collector: !existing.collector, stateMachine: !existing.stateMachine, trigger: !existing.trigger })),
      );
      return problems;
    },
  });
}

/**
 * The problems every topology's pipeline checks alike (name, environment, collector settings,
 * metrics, monitoring, roles, tags), with what `checks` says of what it collects, in one order;
 * first, any prop (all of `props`, not only the shared ones) holding literal template text.
 */
export function settingsProblems(s: PipelineSettings, env: Environment, props: PipelineBuildProps, checks: CollectionChecks): Problem[] {
  const problems: Problem[] = [];
  const check = (field: string, value: unknown, problem: string | undefined) => {
    if (problem && !Token.isUnresolved(value)) problems.push({ path: [field], problem });
  };
  check('name', s.name, pipelineNameProblem(s.name));
  if (props.region !== undefined) check('region', props.region, regionPropProblem(props.region));
  if (props.account !== undefined) check('account', props.account, accountPropProblem(props.account));
  if (problems.length === 0 && !Token.isUnresolved(s.name)) problems.push(...derivedNameProblems(derivedNamesOf(namedResources(s, env, props))));
  check('intervalSeconds', s.intervalSeconds, intervalProblem(s.intervalSeconds));
  // Against a valid interval only (a bad interval is its own problem).
  if (intervalProblem(s.intervalSeconds) === undefined && !Token.isUnresolved(s.intervalSeconds)) {
    check('serviceIntervalSeconds', s.serviceIntervalSeconds, serviceIntervalProblem(s.serviceIntervalSeconds, s.intervalSeconds));
  }
  check('namespace', s.namespace, namespaceProblem(s.namespace));
  check('logRetentionDays', s.logRetentionDays, logRetentionProblem(s.logRetentionDays));
  check('collectorMemoryMb', s.collectorMemoryMb, memoryProblem(s.collectorMemoryMb));
  check('collectorTimeoutSeconds', s.collectorTimeoutSeconds, timeoutProblem(s.collectorTimeoutSeconds));
  problems.push(...checks.collected);
  problems.push(...problemsAt(['metrics'], metricListProblems(s.metrics).filter(literalItem(s.metrics))));
  problems.push(...checks.selection(s));
  problems.push(...monitoringProblems(s, env, checks.targets));
  if (props.rolePath !== undefined) check('rolePath', props.rolePath, rolePathProblem(props.rolePath));
  if (props.permissionsBoundary !== undefined) {
    check('permissionsBoundary', props.permissionsBoundary, iamReferenceProblem('policy', props.permissionsBoundary));
  }
  for (const [purpose, reference] of Object.entries(props.existingRoles ?? {})) {
    if (reference !== undefined && !Token.isUnresolved(reference))
      problems.push(...problemAt(['existingRoles', purpose], iamReferenceProblem('role', reference)));
  }
  // A map known only at apply (a Terraform variable's) is checked there.
  const literalTags = Object.entries(Token.isUnresolved(props.tags) ? {} : (props.tags ?? {})).filter(
    ([k, v]) => !Token.isUnresolved(k) && !Token.isUnresolved(v),
  );
  problems.push(...problemsAt(['tags'], tagProblems(Object.fromEntries(literalTags))));
  // Every prop reaches Terraform: literal text it would evaluate as a template is refused in all of them.
  if (problems.length === 0 && propTemplateProblems(props).length === 0) problems.push(...checks.sizes());
  return withTemplateProblems(props, problems);
}

/** What decides the names a pipeline creates. */
function namedResources(s: PipelineSettings, env: Environment, props: PipelineBuildProps): NamedResources {
  const triggerRole: PipelineRoleId = s.trigger === 'SCHEDULER' ? 'scheduler' : 'events';
  const existing = props.existingRoles ?? {};
  return {
    name: s.name,
    region: Token.isUnresolved(env.region) ? undefined : env.region,
    trigger: s.trigger,
    createdRoles: [
      ...(existing.collector ? [] : ['collector' as const]),
      ...(existing.stateMachine ? [] : ['states' as const]),
      ...(existing.trigger ? [] : [triggerRole]),
    ],
    stateMachineLogs: s.stateMachineLogLevel !== 'OFF',
    dashboard: s.dashboard,
    topic: s.alarmActions.createTopic,
  };
}
