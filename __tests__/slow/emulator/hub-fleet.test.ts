/**
 * The emulator tier for hub mode: the example hub fleet (a hub account-region and member accounts
 * in two regions each) applied with the real terraform CLI to moto, the hub's trigger input run
 * as one real execution that publishes every member cluster into the hub, plan again and destroy;
 * and the same fleet with one member's spoke stack never applied, whose execution loses that
 * account alone. (Two emulators side by side: moto cannot start a second execution of one state machine.)
 * AssumeRole is decided as AWS would by the front (the deployed trust and permission policies,
 * through iam-simulate), since moto alone grants any AssumeRole.
 */
import type { ScenarioRun, StackRun } from '../../../scripts/lib/emulator/scenario';
import { HUB_FLEET, HUB_FLEET_WITHOUT_A_SPOKE } from '../../../scripts/lib/emulator/scenarios';
import { seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { runScenariosBeforeAll } from '../../support/emulator';
import { FLEET_HEALTH_METRIC_NAMES } from '../../../modules/metrics/fleet-health';
import { spokeAccountOf } from '../../../scripts/lib/emulator/expectations';

const SCENARIOS = [HUB_FLEET, HUB_FLEET_WITHOUT_A_SPOKE];
const runOf = runScenariosBeforeAll(SCENARIOS, 'ecs-highres-emulator-hub-');

type ExecutedStack = StackRun & Required<Pick<StackRun, 'pipeline' | 'execution' | 'expectation'>>;

function hubOf(run: ScenarioRun): ExecutedStack {
  const hubs = run.stacks.filter((s) => s.pipeline);
  expect(hubs.map((s) => s.stack)).toEqual([expect.stringMatching(/-\d{12}-[a-z0-9-]+-hub$/)]);
  const [hub] = hubs;
  if (!hub.execution || !hub.expectation) throw new Error(`the hub ${hub.stack} ran no execution`);
  return hub as ExecutedStack;
}

const spokes = (run: ScenarioRun) => run.stacks.filter((s) => spokeAccountOf(s.stack).length === 1);
const label = (s: { key: Parameters<typeof seriesLabel>[0] }) => seriesLabel(s.key);

/** The points a series has at the given ticks. */
function pointsAt(hub: StackRun, keyLabel: string, timestamps: readonly string[]) {
  const read = hub.readSeries.find((r) => seriesLabel(r.key) === keyLabel);
  return (read?.points ?? []).filter((p) => timestamps.includes(p.timestamp));
}

test('the hub stack and one spoke stack per member account apply, plan again with no change beyond the named gaps, and destroy to nothing', () => {
  for (const scenario of SCENARIOS) {
    const run = runOf(scenario.name);
    const members = new Set(scenario.seeds.map((s) => s.account));
    const unappliedAccounts = (scenario.unapplied ?? []).flatMap(spokeAccountOf);
    expect(
      spokes(run)
        .map((s) => spokeAccountOf(s.stack)[0])
        .sort(),
    ).toEqual([...members].filter((a) => !unappliedAccounts.includes(a)).sort());
    expect(run.stacks).toHaveLength(members.size + 1 - unappliedAccounts.length);
    for (const stack of run.stacks) {
      expect({ stack: stack.stack, applied: stack.appliedResources.length > 0 }).toEqual({ stack: stack.stack, applied: true });
      expect({ stack: stack.stack, drift: stack.unexplainedDrift }).toEqual({ stack: stack.stack, drift: [] });
      expect({ stack: stack.stack, leftoverState: stack.leftoverState, leftoverInEmulator: stack.leftoverInEmulator }).toEqual({
        stack: stack.stack,
        leftoverState: [],
        leftoverInEmulator: [],
      });
    }
  }
});

test("a spoke stack holds its account's role and its policies, nothing else, in the account its provider pins", () => {
  for (const spoke of spokes(runOf(HUB_FLEET.name))) {
    const account = spokeAccountOf(spoke.stack)[0];
    expect(spoke.allowedAccountIds).toEqual([account]);
    const others = spoke.appliedResources.filter((r) => !/^aws_iam_(role|role_policy|policy|role_policy_attachment)$/.test(r.type));
    expect({ stack: spoke.stack, others: others.map((r) => r.address) }).toEqual({ stack: spoke.stack, others: [] });
    const roles = spoke.appliedResources.filter((r) => r.type === 'aws_iam_role');
    expect(roles.map((r) => (r.values.arn as string).split(':')[4])).toEqual([account]);
  }
});

test('one execution publishes every cluster of every member account-region into the hub, with AccountId and Region, at every tick', () => {
  const hub = hubOf(runOf(HUB_FLEET.name));
  expect({ status: hub.execution.status, error: hub.execution.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
  expect(hub.invocations.map((i) => i.result.ok)).toEqual(hub.pipeline.tickOffsets.map(() => true));
  expect(hub.expectation.lostAccountRegions).toEqual([]);
  // Every member account-region of the seeds contributes series.
  const places = new Set(hub.expectation.series.map((s) => `${s.key.dimensions.AccountId}/${s.key.dimensions.Region}`));
  expect([...places].sort()).toEqual(HUB_FLEET.seeds.map((s) => `${s.account}/${s.region}`).sort());
  for (const expected of hub.expectation.series) {
    expect({ series: label(expected), points: pointsAt(hub, label(expected), expected.timestamps) }).toEqual({
      series: label(expected),
      points: expected.timestamps.map((timestamp) => ({ timestamp, value: expected.value, samples: 1 })),
    });
  }
  // In the hub's own account and region, and never without the account and region, but for the hub's
  // one set of fleet-health series, whose only dimension is the pipeline.
  const fleetHealth = (m: { readonly metric: string }) => FLEET_HEALTH_METRIC_NAMES.includes(m.metric);
  expect(hub.listedMetrics.filter((m) => !fleetHealth(m)).length).toBeGreaterThan(0);
  expect(hub.listedMetrics.filter((m) => !fleetHealth(m) && (!m.dimensions.AccountId || !m.dimensions.Region))).toEqual([]);
  const healthDimensions = hub.listedMetrics.filter(fleetHealth).map((m) => m.dimensions);
  expect(healthDimensions.length).toBeGreaterThan(0);
  expect(new Set(healthDimensions.map((d) => JSON.stringify(Object.keys(d))))).toEqual(new Set(['["Pipeline"]']));
  expect(new Set(healthDimensions.map((d) => d.Pipeline)).size).toBe(1);
});

test("with one member's spoke role missing, the execution loses that account alone, names each of its account-regions, and publishes the rest", () => {
  const hub = hubOf(runOf(HUB_FLEET_WITHOUT_A_SPOKE.name));
  const gone = spokeAccountOf(HUB_FLEET_WITHOUT_A_SPOKE.unapplied![0])[0];
  const lost = hub.expectation.lostAccountRegions ?? [];
  expect(lost).toEqual(HUB_FLEET.seeds.filter((s) => s.account === gone).map((s) => `${s.account}/${s.region}`));
  // Each tick fails (after the state machine's retries) and the execution with it: the ExecutionsFailed alarm sees it.
  expect(hub.execution.status).toBe('FAILED');
  expect(hub.invocations.length).toBeGreaterThanOrEqual(hub.pipeline.tickOffsets.length);
  for (const { result } of hub.invocations) {
    const message = result.ok ? '' : result.errorMessage;
    expect({ ok: result.ok, assumeRole: /AssumeRole/.test(message) }).toEqual({ ok: false, assumeRole: true });
    for (const place of lost) expect({ place, named: message.includes(place) }).toEqual({ place, named: true });
    const named = [...message.matchAll(/\b\d{12}\/[a-z]{2}(?:-[a-z]+)+-\d\b/g)].map((m) => m[0]);
    expect([...new Set(named)].sort()).toEqual([...lost].sort());
  }
  // Every other account-region is published at every tick (a retried tick publishes its datums again).
  expect(hub.expectation.series.length).toBeGreaterThan(0);
  for (const expected of hub.expectation.series) {
    expect(expected.key.dimensions.AccountId).not.toBe(gone);
    const points = pointsAt(hub, label(expected), expected.timestamps);
    expect({ series: label(expected), points: points.map((p) => [p.timestamp, p.value]) }).toEqual({
      series: label(expected),
      points: expected.timestamps.map((t) => [t, expected.value]),
    });
  }
  // Nothing of the lost account exists in the hub.
  expect(hub.listedMetrics.filter((m) => m.dimensions.AccountId === gone)).toEqual([]);
});

test("the hub's dashboards search series that exist, and its alarms watch series the collector publishes", () => {
  const hub = hubOf(runOf(HUB_FLEET.name));
  expect(hub.dashboard).toBeDefined();
  expect(hub.dashboard!.searches.length).toBeGreaterThan(0);
  for (const search of hub.dashboard!.searches) {
    const matches = hub.listedMetrics.filter((m) => m.metric === search.metric && Object.entries(search.dimensions).every(([k, v]) => m.dimensions[k] === v));
    expect({ search, matches: matches.length > 0 }).toEqual({ search, matches: true });
  }
  expect(hub.alarms.map((a) => a.AlarmName).sort()).toEqual([...hub.alarmNamesInState].sort());
});
