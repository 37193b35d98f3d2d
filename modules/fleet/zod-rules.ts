/** Zod refinements from the rules of ../common: the same messages, the patterns also in the JSON Schema. */
import { z } from 'zod';

/** Turns a rule of ../common/rules into a zod refinement with the same message. */
export function rule<T>(problemOf: (value: T) => string | undefined) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** A string matching `pattern`, else `message`; the pattern also goes into the JSON Schema. */
export function matching(pattern: RegExp, message: string) {
  return z.string().regex(pattern, { message });
}
