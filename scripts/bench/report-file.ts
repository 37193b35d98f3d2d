/**
 * BENCHMARKS.md by section: `npm run bench -- --only hub` rewrites its own `## ` section and
 * keeps every other one as the last full run wrote it.
 */

/**
 * `markdown` with the `## ` section titled `heading` replaced by `section` (which starts with that
 * heading); absent, the section goes after the section titled `after`, or at the end.
 */
export function replaceSection(markdown: string, heading: string, section: string, after?: string): string {
  const parts = markdown.split(/\n(?=## )/).map((p) => p.replace(/\n+$/, ''));
  const body = section.replace(/\n+$/, '');
  const titled = (title: string) => parts.findIndex((p) => p.split('\n', 1)[0] === `## ${title}`);
  const at = titled(heading);
  if (at >= 0) parts[at] = body;
  else {
    const previous = after === undefined ? -1 : titled(after);
    parts.splice(previous >= 0 ? previous + 1 : parts.length, 0, body);
  }
  return `${parts.join('\n\n')}\n`;
}
