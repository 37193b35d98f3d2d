/**
 * A prop of a construct that cannot work. The message names the construct path,
 * every problem found and how to fix each, so one run shows them all.
 */
export class ValidationError extends Error {
  /** Each problem as its line, `field: problem`. */
  public readonly problems: readonly string[];

  constructor(constructPath: string, problems: readonly Problem[]) {
    const lines = problems.map(describeProblem);
    super(`${constructPath}: ${lines.length === 1 ? lines[0] : `\n  - ${lines.join('\n  - ')}`}`);
    this.name = 'ValidationError';
    this.problems = lines;
  }
}

/**
 * A problem of a value, with the path of the field it is about, relative to the value checked
 * (`[]`: the value itself). Every rule and check returns this one shape.
 */
export interface Problem {
  readonly path: ReadonlyArray<string | number>;
  readonly problem: string;
}

/** The problems re-rooted under `prefix`, such as a list's problems under the list's field. */
export function problemsAt(prefix: ReadonlyArray<string | number>, problems: readonly Problem[]): Problem[] {
  return problems.map(({ path, problem }) => ({ path: [...prefix, ...path], problem }));
}

/** `path: problem`, the line every message uses; a problem of the whole value is its problem alone. */
export function describeProblem({ path, problem }: Problem): string {
  return path.length === 0 ? problem : `${formatPath(path)}: ${problem}`;
}

/** A problem at `path`, or none: how a rule's `string | undefined` joins a list of problems. */
export function problemAt(path: ReadonlyArray<string | number>, problem: string | undefined): Problem[] {
  return problem === undefined ? [] : [{ path, problem }];
}

/** `accounts[0].regions.us-east-1.clusters[2]` from a path array: how every problem names its field. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}
