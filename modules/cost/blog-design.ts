/**
 * The blog's state machine, as it printed it, for pricing its design beside ours: one
 * Parallel state whose first branch runs the Lambda at once and whose branch k waits k·interval
 * seconds first; no retries, no failure handling, nothing after the Parallel state.
 */
import { intervalProblem } from '../common/rules';
import type { StatesDefinition } from './success-path';

/** The blog's definition at its 5 s (12 branches), or at another interval that divides a minute. */
export function blogStateMachineDefinition(intervalSeconds = 5, lambdaArn = 'WriteMetricFromStepFunction'): StatesDefinition {
  const problem = intervalProblem(intervalSeconds);
  if (problem) throw new Error(`intervalSeconds: ${problem}`);
  const branches = Array.from({ length: 60 / intervalSeconds }, (_, k) => {
    const offset = k * intervalSeconds;
    const task = { Type: 'Task', Resource: lambdaArn, End: true };
    if (offset === 0) return { StartAt: 'WriteMetricLambda', States: { WriteMetricLambda: task } };
    return {
      StartAt: `Wait${offset}`,
      States: {
        [`Wait${offset}`]: { Type: 'Wait', Seconds: offset, Next: `WriteMetricLambda${offset}` },
        [`WriteMetricLambda${offset}`]: task,
      },
    };
  });
  return {
    StartAt: 'ParallelMetric',
    States: { ParallelMetric: { Type: 'Parallel', Branches: branches, End: true } },
  };
}
