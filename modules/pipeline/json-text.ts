/**
 * JSON text for a Terraform string attribute (a policy, an input). A list known only at apply (a
 * cdktf list token, e.g. a Terraform variable's value) cannot sit inside JSON.stringify's text, so
 * Terraform's jsonencode writes it in place. Without such lists the text is JSON.stringify's.
 */
import { Fn, Token } from 'cdktf';

const marker = (index: number) => `\u0000list-token-${index}\u0000`;

/** JSON.stringify(value), each list token in it written by Terraform's jsonencode at apply. */
export function jsonText(value: unknown): string {
  const lists: unknown[][] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!Array.isArray(item) || !Token.isUnresolved(item)) return item;
    lists.push(item);
    return marker(lists.length - 1);
  });
  return lists.reduce<string>((result, list, index) => result.replace(JSON.stringify(marker(index)), Fn.jsonencode(list)), text);
}
