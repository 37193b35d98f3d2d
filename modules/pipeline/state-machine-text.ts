/**
 * The state machine's definition as the resource's text. An interval known only at apply (a
 * Terraform variable) picks its definition at apply from one rendered per allowed interval.
 */
import { Fn, TerraformLocal, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { ALLOWED_INTERVALS } from '../common/rules';
import { type StateMachineDefinitionOptions, stateMachineDefinition } from './state-machine-definition';

/**
 * JSON text of the definition; for an interval token, the definition of every allowed interval in
 * a Terraform local under `scope`, and the text is the one its interval picks there.
 */
export function stateMachineDefinitionText(scope: Construct, options: StateMachineDefinitionOptions): string {
  if (!Token.isUnresolved(options.intervalSeconds)) return JSON.stringify(stateMachineDefinition(options));
  const byInterval = Object.fromEntries(
    ALLOWED_INTERVALS.map((intervalSeconds) => [String(intervalSeconds), JSON.stringify(stateMachineDefinition({ ...options, intervalSeconds }))]),
  );
  const definitions = new TerraformLocal(scope, 'state-machine-definitions', byInterval);
  return Token.asString(Fn.lookup(definitions.expression, Token.asString(options.intervalSeconds)));
}
