/**
 * What a spoke role is, from its props: its name and path, the hub collector role it trusts
 * (hubCollectorRoleArn, the same function the hub's names come from) and its ECS reads placed
 * within IAM's limits; or every problem of the props, each naming its field. Pure.
 */
import { type Problem, problemAt, problemsAt } from '../common/errors';
import { crossPartitionProblem } from '../common/environment-rules';
import { accountIdProblem, externalIdProblem, organizationIdProblem, ROLE_NAME_ALLOWED, roleNameProblem } from '../common/iam-rules';
import type { PolicyDocument } from '../common/policy-document';
import { REGION_NAME, regionCodeProblem } from '../common/region-names';
import { partitionOf } from '../common/environment';
import { iamReferenceProblem, metricListProblems, pipelineNameProblem, rolePathProblem, tagProblems } from '../common/rules';
import { TARGET_LIST_VERSION, targetListProblems } from '../contract/hub-target-list';
import { DEFAULT_METRICS, SERVICE_METRIC_NAMES } from '../metrics/catalog';
import { withTemplateProblems } from '../pipeline/for-hub';
import { fleetNameOf, hubCollectorRoleArn, spokeRoleNameOf, spokeRolePathOf } from './hub-names';
import { checkedSpokePermissionPolicies, checkedSpokeTrustPolicy, type PlacedPolicies } from './hub-policies';
import { organizationSpokeRole } from './organization-spoke';
import type { EcsHighResMetricsSpokeProps } from './props';

export interface SpokePlan {
  readonly roleName: string;
  readonly rolePath: string;
  /** The only principal the role trusts. */
  readonly hubCollectorRoleArn: string;
  readonly trust: PolicyDocument;
  readonly policies: PlacedPolicies;
}

function propProblems(props: EcsHighResMetricsSpokeProps, name: string, roleName: string, rolePath: string): Problem[] {
  const problems: Problem[] = [];
  const check = (path: Array<string | number>, problem: string | undefined) => problems.push(...problemAt(path, problem));
  check(['name'], pipelineNameProblem(name));
  check(['account'], accountIdProblem(props.account));
  check(['hub', 'account'], accountIdProblem(props.hub?.account));
  // Required, unlike a pipeline's region prop: the spoke role trusts the hub collector role of this region.
  check(['hub', 'region'], regionCodeProblem(props.hub?.region));
  if (props.hub?.rolePath !== undefined) check(['hub', 'rolePath'], rolePathProblem(props.hub.rolePath));
  if (roleNameProblem(roleName)) {
    check(
      props.spokeRole?.name !== undefined ? ['spokeRole', 'name'] : ['name'],
      `the spoke role name "${roleName}" (${roleName.length} characters) is not an IAM role name: use ${ROLE_NAME_ALLOWED}`,
    );
  }
  if (props.spokeRole?.path !== undefined) check(['spokeRole', 'path'], rolePathProblem(rolePath));
  if (props.externalId !== undefined) check(['externalId'], externalIdProblem(props.externalId));
  if (props.organizationId !== undefined) check(['organizationId'], organizationIdProblem(props.organizationId));
  if (props.organization !== undefined) {
    const regions = props.organization.regions;
    if (regions !== '*' && (!Array.isArray(regions) || regions.length === 0)) {
      check(['organization', 'regions'], 'is empty: list the regions to watch, or give "*" for every region enabled in the account');
    } else if (regions !== '*') {
      for (const [i, r] of regions.entries()) check(['organization', 'regions', i], regionCodeProblem(r));
    }
  } else if (!Array.isArray(props.targets) || props.targets.length === 0) {
    check(['targets'], `is empty: list the account's regions the hub collects, each with its clusters or "*"`);
  } else {
    problems.push(...targetListProblems({ version: TARGET_LIST_VERSION, targets: props.targets }));
    const hubRegion = typeof props.hub?.region === 'string' && REGION_NAME.test(props.hub.region) ? props.hub.region : undefined;
    props.targets.forEach((t, i) => {
      if (t?.account !== props.account) {
        check(
          ['targets', i, 'account'],
          `${JSON.stringify(t?.account)} is not this spoke's account ${props.account}: give each spoke only its own account's targets`,
        );
      }
      if (hubRegion && typeof t?.region === 'string' && REGION_NAME.test(t.region)) {
        check(['targets', i, 'region'], crossPartitionProblem(t.region, { region: hubRegion }));
      }
    });
  }
  if (props.metrics !== undefined) problems.push(...problemsAt(['metrics'], metricListProblems(props.metrics)));
  if (props.permissionsBoundary !== undefined) check(['permissionsBoundary'], iamReferenceProblem('policy', props.permissionsBoundary));
  problems.push(...problemsAt(['tags'], tagProblems(props.tags ?? {})));
  return withTemplateProblems(props, problems);
}

/** The spoke role of `props`, or every problem of its props. */
export function spokePlan(props: EcsHighResMetricsSpokeProps): SpokePlan | { readonly problems: Problem[] } {
  const name = fleetNameOf(props.name);
  const roleName = spokeRoleNameOf(name, props.spokeRole);
  const rolePath = spokeRolePathOf(props.spokeRole, props.hub?.rolePath);
  const problems = propProblems(props, name, roleName, rolePath);
  if (problems.length > 0) return { problems };
  const partition = partitionOf(props.hub.region);
  const hubRole = hubCollectorRoleArn({ partition, account: props.hub.account, region: props.hub.region, name, rolePath: props.hub.rolePath });
  // The service reads only when the hub publishes per-service metrics.
  const withServices = (props.metrics ?? DEFAULT_METRICS).some((m) => SERVICE_METRIC_NAMES.includes(m));
  // A problem of the whole role (its documents outgrow IAM's limits) is the targets' to fix.
  const atTargets = (found: readonly Problem[]) => ({ problems: found.map((p) => (p.path.length === 0 ? { path: ['targets'], problem: p.problem } : p)) });
  if (props.organization !== undefined) {
    const role = organizationSpokeRole({ ...props, name, regions: props.organization.regions });
    return { roleName, rolePath, hubCollectorRoleArn: hubRole, trust: role.trust, policies: { inline: role.permissions, managed: [] } };
  }
  const trust = checkedSpokeTrustPolicy({ hubCollectorRoleArn: hubRole, externalId: props.externalId });
  if ('problems' in trust) return atTargets(trust.problems);
  const policies = checkedSpokePermissionPolicies({
    partition,
    account: props.account,
    regions: props.targets.map((t) => ({ region: t.region, clusters: t.clusters, ...(withServices && t.services ? { services: t.services } : {}) })),
  });
  if ('problems' in policies) return atTargets(policies.problems);
  return { roleName, rolePath, hubCollectorRoleArn: hubRole, trust: trust.value, policies: policies.value };
}
