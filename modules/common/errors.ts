/**
 * A prop of a construct that cannot work. The message names the construct path,
 * every problem found and how to fix each, so one run shows them all.
 */
export class ValidationError extends Error {
  public readonly problems: readonly string[];

  constructor(constructPath: string, problems: readonly string[]) {
    super(`${constructPath}: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join('\n  - ')}`}`);
    this.name = 'ValidationError';
    this.problems = problems;
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

/** `path: problem`, the line every message uses. */
export function describeProblem({ path, problem }: Problem): string {
  return `${formatPath(path)}: ${problem}`;
}

/** `accounts[0].regions.us-east-1.clusters[2]` from a path array: how every problem names its field. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
