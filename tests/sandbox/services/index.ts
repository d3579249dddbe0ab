import type { SandboxService, World } from '../world';
import { createTwoAmlService } from './twoaml';
import { createTronNrgService } from './tronnrg';
import { createTronZapService } from './tronzap';
import { createGatewayService } from './gateway';

/** Every simulated service, in mount order. */
export function createServices(world: World): SandboxService[] {
  return [createTwoAmlService(world), createTronNrgService(world), createTronZapService(world), createGatewayService(world)];
}
