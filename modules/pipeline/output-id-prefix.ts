/**
 * The output id prefix of a construct, from its path inside its stack, which no other construct
 * of the stack shares, so two pipelines (same name, other region or account) never overwrite
 * each other's outputs. The rule itself is common/names.ts's outputIdPrefix.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { outputIdPrefix } from '../common/names';

/** The output id prefix of a construct, from its path below its stack. */
export function outputIdPrefixOf(construct: IConstruct): string {
  const scopes = construct.node.scopes;
  return outputIdPrefix(scopes.slice(scopes.indexOf(TerraformStack.of(construct)) + 1).map((c) => c.node.id));
}
