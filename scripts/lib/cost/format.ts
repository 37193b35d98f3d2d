/** How `npm run cost` writes numbers, paths and tables, in its text and its JSON alike. */
import * as path from 'node:path';

export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Money to a hundredth of a cent, quantities to a thousandth: JSON without float noise. */
export const usd = (n: number) => round(n, 4);
export const qty = (n: number) => round(n, 3);
/** `1 account-region`, `2 account-regions`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** Dollars to the cent, with thousands separators. */
export const dollars = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** A quantity and its unit, fewer decimals as it grows. */
export const amount = (n: number, unit: string) => `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : n < 1000 ? 1 : 0 })} ${unit}`;
/** The config file as the user would type it: relative to where the command runs. */
export const shownPath = (file: string) => path.relative(process.cwd(), file) || file;

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
