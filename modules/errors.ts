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
