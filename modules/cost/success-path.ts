/**
 * What one successful execution of a state machine does, read from its definition: the
 * states it enters, its Task and Parallel states. Standard workflows bill a transition per
 * state entered; execution logs at level ALL write events per state.
 */

/** The shape of an Amazon States Language definition this walker reads. */
export interface StatesDefinition {
  readonly StartAt: string;
  readonly States: Record<string, unknown>;
}

export interface SuccessPath {
  /** States entered, every Parallel branch included. */
  readonly statesEntered: number;
  /** Task states entered. */
  readonly tasks: number;
  /** Parallel states entered. */
  readonly parallels: number;
}

/** The blog's count: "billed per state transition, including the Start and End state transitions". */
export const START_AND_END_TRANSITIONS = 2;

interface StateShape {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Branches?: readonly StatesDefinition[];
}

/** Walks the path a run takes when every Task succeeds: a Choice takes its Default. */
export function successPath(definition: StatesDefinition): SuccessPath {
  const counts = { statesEntered: 0, tasks: 0, parallels: 0 };
  walk(definition, counts);
  return counts;
}

function walk(definition: StatesDefinition, counts: { statesEntered: number; tasks: number; parallels: number }): void {
  const seen = new Set<string>();
  let name: string | undefined = definition.StartAt;
  while (name !== undefined) {
    const state = definition.States[name] as StateShape | undefined;
    if (!state) throw new Error(`the definition has no state "${name}"`);
    // A loop on the success path would make the count unbounded: refuse it.
    if (seen.has(name)) throw new Error(`state "${name}" is entered twice on the success path: transitions cannot be counted`);
    seen.add(name);
    counts.statesEntered++;
    switch (state.Type) {
      case 'Task':
        counts.tasks++;
        break;
      case 'Parallel':
        counts.parallels++;
        for (const branch of state.Branches ?? []) walk(branch, counts);
        break;
      case 'Map':
        throw new Error(`state "${name}" is a Map: its iterations depend on the input, so transitions cannot be counted`);
      case 'Choice':
        if (state.Default === undefined) {
          throw new Error(`Choice state "${name}" has no Default: the success path is ambiguous`);
        }
        name = state.Default;
        continue;
    }
    name = state.End || state.Type === 'Succeed' || state.Type === 'Fail' ? undefined : state.Next;
  }
}

/** State transitions one successful execution is billed, counted as the blog counts them. */
export function transitionsPerExecution(definition: StatesDefinition): number {
  return successPath(definition).statesEntered + START_AND_END_TRANSITIONS;
}

/**
 * Events one successful execution logs at level ALL: execution started and succeeded, each
 * state entered and exited, each Task scheduled, started and succeeded, each Parallel started
 * and succeeded.
 */
export function logEventsPerExecution(definition: StatesDefinition): number {
  const { statesEntered, tasks, parallels } = successPath(definition);
  return 2 + 2 * statesEntered + 3 * tasks + 2 * parallels;
}
