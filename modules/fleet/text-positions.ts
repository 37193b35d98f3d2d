/**
 * Line and column of character offsets in a config's text. The line starts are found once, so
 * each position costs a binary search, not a scan of the text before it: reporting every one of
 * thousands of duplicate keys stays linear in the text's length.
 */

/** A place in a text, both 1-based. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A function giving the line and column of any offset of `text`. */
export function textPositions(text: string): (offset: number) => TextPosition {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    // The last line starting at or before the offset.
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}
