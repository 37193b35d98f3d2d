/**
 * The discovery function's event, checked before anything is called: the DiscoveryInput its
 * schedule sends every minute (the target list's location, the spoke role, where to write what
 * it found). The checks of each field are the hub tick's own (hub-event.ts).
 */
import type { DiscoveryInput } from '../../../../modules/contract/collector-event';
import { isObject } from '../../../../modules/common/values';
import { MalformedEventError } from '../../event';
import { discoveredLocationOf, spokeRoleOf, targetListOf } from '../hub-event';

/** Checks a discovery event: a DiscoveryInput, invoked directly by its schedule. */
export function parseDiscoveryEvent(event: unknown): DiscoveryInput {
  if (!isObject(event)) throw new MalformedEventError(`expected the discovery input { "targetList", "spokeRole", "discovered" }, got ${JSON.stringify(event)}`);
  if ('tick' in event)
    throw new MalformedEventError("this is a tick of the state machine; the discovery runs on its own schedule, and the tick's handler is index.hubHandler");
  const targetList = targetListOf(event);
  const spokeRole = spokeRoleOf(event);
  const discovered = discoveredLocationOf(event, true)!;
  return { targetList, spokeRole, discovered };
}
