/**
 * What a hub and its spokes must agree on (the fleet's name and the hub's role path, which name the
 * collector role every spoke role trusts; the external ID; the spoke role's name and path), how a
 * spoke's props are taken from its hub's, and the check of a spoke built by hand against the hubs of
 * its app at its hub account-region, kept per app as the name claims are (pipeline/app-claims.ts, through pipeline/for-hub-build.ts).
 */
import { describeProblem, type Problem } from '../common/errors';
import { Token } from 'cdktf';
import { partitionOf } from '../common/environment';
import { pipelineNames } from '../common/names';
import { hubCollectorRoleArn } from './hub-names';
import type { EcsHighResMetricsHubProps, EcsHighResMetricsSpokeProps } from './props';

/** One side's view of the terms: the hub's own, or what a spoke's props assume of its hub. */
export interface HubTerms {
  /** Construct path of the hub or spoke. */
  readonly path: string;
  /** The hub's account and region, literal. */
  readonly account: string;
  readonly region: string;
  /** The fleet's (the hub pipeline's) name. */
  readonly name: string;
  /** The hub's role path, the collector role's. */
  readonly rolePath: string;
  readonly externalId?: string;
  /** The role the hub assumes, or the spoke creates. */
  readonly spokeRole: { readonly name: string; readonly path: string };
  /** The spoke gave spokeRole.name itself (not derived from its name). */
  readonly spokeRoleNameGiven?: boolean;
}

const FOR_HUB = 'or build the spoke with EcsHighResMetricsSpoke.forHub';

const collectorRoleArn = (t: HubTerms) =>
  hubCollectorRoleArn({ partition: partitionOf(t.region), account: t.account, region: t.region, name: t.name, rolePath: t.rolePath });
const collectorRoleName = (t: HubTerms) => pipelineNames(t.name, t.region).roleName('collector');
const quoted = (value: string | undefined) => (value === undefined ? 'none' : `"${value}"`);

/** Each term of `spoke` that is not `hub`'s, at its field, naming both values and the fix. */
export function pairingProblems(spoke: HubTerms, hub: HubTerms): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string[], problem: string) => problems.push({ path, problem });
  const of = `the hub ${hub.path}`;
  if (spoke.name !== hub.name) {
    at(
      ['name'],
      `"${spoke.name}" is not the name of ${of} ("${hub.name}"): the spoke role would trust ${collectorRoleName(spoke)}, a role the hub does not create (its collector role is ${collectorRoleName(hub)}): set name to "${hub.name}", ${FOR_HUB}`,
    );
  }
  if (spoke.rolePath !== hub.rolePath) {
    at(
      ['hub', 'rolePath'],
      `"${spoke.rolePath}" is not the role path of ${of} ("${hub.rolePath}"): the spoke role would trust ${collectorRoleArn({ ...spoke, name: hub.name })}, a role the hub does not create (its collector role is ${collectorRoleArn(hub)}): set hub.rolePath to "${hub.rolePath}", ${FOR_HUB}`,
    );
  }
  if (spoke.externalId !== hub.externalId) {
    at(
      ['externalId'],
      hub.externalId === undefined
        ? `"${spoke.externalId}" would be required by the spoke role, but ${of} passes no external ID: remove externalId, or give the hub the same one`
        : `${quoted(spoke.externalId)} is not the external ID of ${of} ("${hub.externalId}"), which it passes on every AssumeRole: set externalId to "${hub.externalId}", ${FOR_HUB}`,
    );
  }
  if (spoke.spokeRole.name !== hub.spokeRole.name) {
    const byName = spoke.name !== hub.name && !spoke.spokeRoleNameGiven && hub.spokeRole.name === `${hub.name}-spoke`;
    const fix = byName ? `set name to "${hub.name}" (or spokeRole.name to "${hub.spokeRole.name}")` : `set spokeRole.name to "${hub.spokeRole.name}"`;
    at(['spokeRole', 'name'], `the spoke role would be named "${spoke.spokeRole.name}", but ${of} assumes "${hub.spokeRole.name}": ${fix}, ${FOR_HUB}`);
  }
  if (spoke.spokeRole.path !== hub.spokeRole.path) {
    at(
      ['spokeRole', 'path'],
      `the spoke role would be on path "${spoke.spokeRole.path}", but ${of} assumes it on "${hub.spokeRole.path}": set spokeRole.path to "${hub.spokeRole.path}", ${FOR_HUB}`,
    );
  }
  return problems;
}

/** A hub's props with its account and region known: what a spoke's props are taken from. */
export type PlacedHubProps = EcsHighResMetricsHubProps & { readonly account: string; readonly region: string };

/**
 * The props of the spoke of member `account` of the hub: the name, role path, external ID,
 * organization, spoke role and metrics of the hub, and the hub's targets of that account.
 */
export function spokePropsOfHub(hub: PlacedHubProps, account: string): EcsHighResMetricsSpokeProps {
  return {
    ...(hub.name !== undefined ? { name: hub.name } : {}),
    account,
    hub: { account: hub.account, region: hub.region, ...(hub.rolePath !== undefined ? { rolePath: hub.rolePath } : {}) },
    targets: hub.targets.filter((t) => t.account === account),
    ...(hub.metrics !== undefined ? { metrics: hub.metrics } : {}),
    ...(hub.externalId !== undefined ? { externalId: hub.externalId } : {}),
    ...(hub.organizationId !== undefined ? { organizationId: hub.organizationId } : {}),
    ...(hub.spokeRole !== undefined ? { spokeRole: hub.spokeRole } : {}),
  };
}

/** The hubs and spokes of one app whose hub account-region is literal. */
interface AppPairs {
  readonly hubs: HubTerms[];
  readonly spokes: HubTerms[];
}

const pairsOfApp = new WeakMap<object, AppPairs>();

function pairsOf(root: object): AppPairs {
  const pairs = pairsOfApp.get(root) ?? { hubs: [], spokes: [] };
  pairsOfApp.set(root, pairs);
  return pairs;
}

const samePlace = (a: HubTerms, b: HubTerms) => a.account === b.account && a.region === b.region;
/** Terms known only at apply (a token anywhere) are compared with nothing: they prove no place and no value. */
const literal = (t: HubTerms) =>
  ![t.account, t.region, t.name, t.rolePath, t.externalId, t.spokeRole.name, t.spokeRole.path].some((v) => Token.isUnresolved(v));
const agreesWithSome = (spoke: HubTerms, hubs: readonly HubTerms[]) => hubs.some((hub) => samePlace(spoke, hub) && pairingProblems(spoke, hub).length === 0);

/**
 * Checks a spoke against the hubs of its app at its hub account-region: it must agree with one of
 * them (with none there, nothing is known yet). Returns the problems against the nearest hub, or
 * records the spoke and returns none.
 */
export function pairSpoke(root: object, spoke: HubTerms): Problem[] {
  if (!literal(spoke)) return [];
  const pairs = pairsOf(root);
  const hubs = pairs.hubs.filter((hub) => samePlace(spoke, hub));
  if (hubs.length > 0 && !agreesWithSome(spoke, hubs)) {
    return hubs.map((hub) => pairingProblems(spoke, hub)).reduce((nearest, p) => (p.length < nearest.length ? p : nearest));
  }
  pairs.spokes.push(spoke);
  return [];
}

/**
 * Checks the spokes built before a hub, at its account-region and agreeing with no earlier hub,
 * against it. Returns their problems, each naming its spoke, or records the hub and returns none.
 */
export function pairHub(root: object, hub: HubTerms): Problem[] {
  if (!literal(hub)) return [];
  const pairs = pairsOf(root);
  const problems = pairs.spokes
    .filter((spoke) => samePlace(spoke, hub) && !agreesWithSome(spoke, pairs.hubs))
    .flatMap((spoke) =>
      pairingProblems(spoke, hub).map((p) => ({
        path: [],
        problem: `the spoke ${spoke.path}, created before this hub in its account-region, does not agree with it: ${describeProblem(p)}`,
      })),
    );
  if (problems.length === 0) pairs.hubs.push(hub);
  return problems;
}

/** Where a hub construct's spokes take their props from: its props, its account and region when literal. */
export interface HubSource {
  readonly path: string;
  readonly props: EcsHighResMetricsHubProps;
  readonly account?: string;
  readonly region?: string;
}

const sources = new WeakMap<object, HubSource>();

export function recordHubSource(hub: object, source: HubSource): void {
  sources.set(hub, source);
}

/** The props of the spoke of member `account` of the hub construct `hub`, or the problems that keep it from having any. */
export function spokePropsOfHubConstruct(hub: object, account: string): EcsHighResMetricsSpokeProps | { readonly problems: Problem[] } {
  const source = sources.get(hub);
  if (!source) return { problems: [{ path: ['hub'], problem: 'is not an EcsHighResMetricsHub that was built: pass the hub construct' }] };
  const problems: Problem[] = [];
  for (const field of ['account', 'region'] as const) {
    if (source[field] === undefined) {
      problems.push({
        path: ['hub'],
        problem: `the ${field} of the hub ${source.path} is known only at apply, but a spoke role names the hub's collector role by its ARN: give the hub its ${field} prop`,
      });
    }
  }
  const members = [...new Set((Array.isArray(source.props.targets) ? source.props.targets : []).map((t) => t.account))];
  if (!members.includes(account)) {
    problems.push({
      path: ['account'],
      problem: `"${account}" is not a member account of the hub ${source.path}, whose targets name ${members.join(', ')}: give one of them, or add the account's regions to the hub's targets`,
    });
  }
  if (problems.length > 0) return { problems };
  return spokePropsOfHub({ ...source.props, account: source.account!, region: source.region! }, account);
}
