/** One API namespace (`/external/tron-energy` or `/external/aml-wallet-check`) over the shared account store. */
import { Hono } from 'hono';
import { createAuthRoutes } from './auth-routes';
import { createCheckRoutes } from './check-routes';
import type { TwoAml, TwoAmlEnv } from './context';
import { createCreditRoutes } from './credit-routes';
import { createEnergyRoutes } from './energy-routes';
import { TwoAmlError } from './errors';
import { createSessionGuard } from './session-middleware';
import { createWalletRoutes } from './wallet-routes';
import type { Namespace } from './state';

/** The routes of `namespace`; unknown paths inside it answer 404 in the error envelope. */
export function createNamespaceRoutes(ctx: TwoAml, namespace: Namespace): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();
  const requireSession = createSessionGuard(ctx);

  routes.route('/auth', createAuthRoutes(ctx, requireSession));
  routes.use('/wallet/*', requireSession);
  routes.route('/wallet', createWalletRoutes(ctx, namespace));

  if (namespace === 'tron-energy') {
    routes.route('/', createEnergyRoutes(ctx, requireSession));
  } else {
    routes.use('/credits/*', requireSession);
    routes.route('/credits', createCreditRoutes(ctx));
    routes.use('/checks', requireSession);
    routes.use('/checks/*', requireSession);
    routes.route('/checks', createCheckRoutes(ctx));
  }

  routes.all('*', (c) => {
    throw new TwoAmlError(
      404,
      `Cannot ${c.req.method} ${new URL(c.req.url).pathname.replace(/^\/2aml/, '')}`,
    );
  });
  return routes;
}
