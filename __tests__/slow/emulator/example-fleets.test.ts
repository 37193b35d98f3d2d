/**
 * The emulator tier: every stack of the example fleets applied with the real terraform CLI to moto,
 * one real execution per pipeline with its trigger's own input, metrics read back, a second plan
 * with no change beyond the named emulator gaps, destroy with nothing left. Scenarios run side by
 * side, each on its own emulator; without moto_server or terraform every test fails saying what to install.
 */
import type { ScenarioRun, StackRun } from '../../../scripts/lib/emulator/scenario';
import { SCENARIOS } from '../../../scripts/lib/emulator/scenarios';
import { seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { runScenariosBeforeAll } from '../../support/emulator';

const runOf = runScenariosBeforeAll(SCENARIOS, 'ecs-highres-emulator-');

const pipelines = (run: ScenarioRun): Array<StackRun & Required<Pick<StackRun, 'pipeline' | 'execution' | 'expectation'>>> =>
  run.stacks.filter((s): s is StackRun & Required<Pick<StackRun, 'pipeline' | 'execution' | 'expectation'>> =>
    Boolean(s.pipeline && s.execution && s.expectation),
  );

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s on the emulator', (name, scenario) => {
  test('every stack applies, plans again with no change beyond the named emulator gaps, and destroys to nothing', () => {
    const run = runOf(name);
    expect(run.stacks.length).toBeGreaterThan(0);
    for (const stack of run.stacks) {
      expect({ stack: stack.stack, applied: stack.appliedResources.length > 0 }).toEqual({ stack: stack.stack, applied: true });
      expect({ stack: stack.stack, drift: stack.unexplainedDrift }).toEqual({ stack: stack.stack, drift: [] });
      expect({ stack: stack.stack, leftoverState: stack.leftoverState, leftoverInEmulator: stack.leftoverInEmulator }).toEqual({
        stack: stack.stack,
        leftoverState: [],
        leftoverInEmulator: [],
      });
    }
  });

  test("each pipeline runs in the account its provider pins, reached through that account's deploy role", () => {
    const run = runOf(name);
    for (const stack of run.stacks) {
      const account = stack.allowedAccountIds[0];
      expect(stack.allowedAccountIds).toHaveLength(1);
      expect(stack.deployRoleArn?.split(':')[4]).toBe(account);
      const arns = stack.appliedResources.flatMap((r) => (typeof r.values.arn === 'string' ? [r.values.arn] : []));
      expect(arns.length).toBeGreaterThan(0);
      for (const arn of arns) expect({ arn, account: arn.split(':')[4] }).toEqual({ arn, account });
    }
    const accounts = new Set(run.stacks.map((s) => s.allowedAccountIds[0]));
    expect(accounts.size).toBe(new Set(scenario.seeds.map((s) => s.account)).size);
  });

  test('one execution per pipeline publishes every seeded series at every tick of the minute, with the seeded value', () => {
    const run = runOf(name);
    expect(pipelines(run).length).toBeGreaterThan(0);
    for (const stack of pipelines(run)) {
      expect({ stack: stack.stack, status: stack.execution.status, error: stack.execution.error }).toEqual({
        stack: stack.stack,
        status: 'SUCCEEDED',
        error: undefined,
      });
      // One invocation per tick, each a success.
      expect(stack.invocations.map((i) => i.result.ok)).toEqual(stack.pipeline.tickOffsets.map(() => true));
      expect(stack.expectation.series.length).toBeGreaterThan(0);
      for (const expected of stack.expectation.series) {
        const read = stack.readSeries.find((r) => seriesLabel(r.key) === seriesLabel(expected.key));
        expect({ series: seriesLabel(expected.key), points: read?.points }).toEqual({
          series: seriesLabel(expected.key),
          points: expected.timestamps.map((timestamp) => ({ timestamp, value: expected.value, samples: 1 })),
        });
      }
    }
  });

  test('a configured cluster that does not exist is reported as skipped by every tick, and nothing is published for it', () => {
    const run = runOf(name);
    expect(pipelines(run).flatMap((stack) => stack.expectation.missingClusters)).toEqual(scenario.missingClusters ?? []);
    for (const stack of pipelines(run)) {
      for (const cluster of stack.expectation.missingClusters) {
        for (const { result } of stack.invocations) {
          const skipped = result.ok ? (result.payload as { skipped: Array<{ cluster: string }> }).skipped : [];
          expect(skipped.map((s) => s.cluster)).toContain(cluster);
        }
        expect(stack.listedMetrics.filter((m) => m.dimensions.ClusterName === cluster)).toEqual([]);
      }
    }
  });

  test('the dashboard names metrics that now exist, and the alarms exist watching metrics the collector publishes', () => {
    const run = runOf(name);
    const listed = (stack: StackRun) => new Set(stack.listedMetrics.map(seriesLabel));
    for (const stack of pipelines(run)) {
      const exists = listed(stack);
      expect(stack.dashboard?.series.length).toBeGreaterThan(0);
      for (const series of stack.dashboard!.series) {
        const missingCluster = stack.expectation.missingClusters.includes(series.dimensions.ClusterName);
        if (!missingCluster)
          expect({ dashboard: seriesLabel(series), exists: exists.has(seriesLabel(series)) }).toEqual({ dashboard: seriesLabel(series), exists: true });
      }
      for (const search of stack.dashboard!.searches) {
        const matches = stack.listedMetrics.filter(
          (m) => m.metric === search.metric && Object.entries(search.dimensions).every(([k, v]) => m.dimensions[k] === v),
        );
        expect({ search, matches: matches.length > 0 }).toEqual({ search, matches: true });
      }
      expect(stack.alarms.map((a) => a.AlarmName).sort()).toEqual([...stack.alarmNamesInState].sort());
      const alarmNamesOnBoard = stack.dashboard!.alarmArns.map((arn) => arn.split(':alarm:')[1]).sort();
      expect(alarmNamesOnBoard).toEqual([...stack.alarmNamesInState].sort());
      const namespace = (stack.execution.input.namespace as string | undefined) ?? 'ECS';
      for (const alarm of stack.alarms.filter((a) => a.Namespace === namespace)) {
        const dimensions = Object.fromEntries((alarm.Dimensions ?? []).map((d) => [d.Name!, d.Value!]));
        const label = seriesLabel({ namespace, metric: alarm.MetricName!, dimensions });
        const missingCluster = stack.expectation.missingClusters.includes(dimensions.ClusterName);
        if (!missingCluster)
          expect({ alarm: alarm.AlarmName, watches: label, exists: exists.has(label) }).toEqual({ alarm: alarm.AlarmName, watches: label, exists: true });
      }
    }
  });
});
