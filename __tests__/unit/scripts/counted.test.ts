/** Counts in what the commands print read as English: "1 stack", "2 stacks". */
import { counted } from '../../../scripts/lib/counted';

test.each([
  [0, 'stack', '0 stacks'],
  [1, 'stack', '1 stack'],
  [2, 'stack', '2 stacks'],
  [1, 'account-region', '1 account-region'],
  [25, 'account-region', '25 account-regions'],
  [1_000, 'stack', '1,000 stacks'],
])('%d %s → %s', (n, noun, text) => {
  expect(counted(n, noun)).toBe(text);
});

test('a noun whose plural is not noun + s is given its plural', () => {
  expect(counted(1, 'directory', 'directories')).toBe('1 directory');
  expect(counted(3, 'directory', 'directories')).toBe('3 directories');
});
