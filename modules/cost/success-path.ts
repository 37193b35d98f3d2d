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
  /** Map states entered. */
  readonly maps: number;
  /** Iterations of those Map states (each iteration's states are counted in statesEntered and tasks). */
  readonly mapIterations: number;
}

export interface SuccessPathOptions {
  /**
   * How many iterations a Map state runs: a definition cannot say (its items come from the input),
   * the caller may (a hub's tick: one per shard, its indexes written in the Pass state before it).
   * Without it, a Map is refused.
   */
  readonly mapIterations?: number;
}

/** The blog's count: "billed per state transition, including the Start and End state transitions". */
export const START_AND_END_TRANSITIONS = 2;

interface StateShape {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Branches?: readonly StatesDefinition[];
  readonly ItemProcessor?: StatesDefinition;
}

type Counts = { -readonly [K in keyof SuccessPath]: number };

/** Walks the path a run takes when every Task succeeds: a Choice takes its Default. */
export function successPath(definition: StatesDefinition, options: SuccessPathOptions = {}): SuccessPath {
  const counts: Counts = { statesEntered: 0, tasks: 0, parallels: 0, maps: 0, mapIterations: 0 };
  walk(definition, counts, options);
  return counts;
}

function walk(definition: StatesDefinition, counts: Counts, options: SuccessPathOptions): void {
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
        for (const branch of state.Branches ?? []) walk(branch, counts, options);
        break;
      case 'Map':
        if (options.mapIterations === undefined || !state.ItemProcessor) {
          throw new Error(`state "${name}" is a Map: its iterations depend on the input, so transitions cannot be counted`);
        }
        counts.maps++;
        counts.mapIterations += options.mapIterations;
        for (let i = 0; i < options.mapIterations; i++) walk(state.ItemProcessor, counts, options);
        break;
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
export function transitionsPerExecution(definition: StatesDefinition, options: SuccessPathOptions = {}): number {
  return successPath(definition, options).statesEntered + START_AND_END_TRANSITIONS;
}

/**
 * Events one successful execution logs at level ALL: execution started and succeeded, each
 * state entered and exited, each Task scheduled, started and succeeded, each Parallel started
 * and succeeded, each Map started and succeeded and each of its iterations started and succeeded.
 */
export function logEventsPerExecution(definition: StatesDefinition, options: SuccessPathOptions = {}): number {
  const { statesEntered, tasks, parallels, maps, mapIterations } = successPath(definition, options);
  return 2 + 2 * statesEntered + 3 * tasks + 2 * parallels + 2 * maps + 2 * mapIterations;
}
