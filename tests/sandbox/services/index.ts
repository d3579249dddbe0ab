import type { SandboxService, World } from '../world';
import { createTwoAmlService } from './twoaml';
import { createTronNrgService } from './tronnrg';
import { createTronZapService } from './tronzap';
import { createGatewayService } from './gateway';
import { createTronscanPages } from '../tronscan';
import { createTronLinkEmulator } from '../tronlink';

/** Every simulated service and page set, in mount order (the node and /__sandbox are mounted by the server). */
export function createServices(world: World): SandboxService[] {
  return [
    createTwoAmlService(world),
    createTronNrgService(world),
    createTronZapService(world),
    createGatewayService(world),
    createTronscanPages(world),
    createTronLinkEmulator(world),
  ];
}
